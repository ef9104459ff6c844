// A thumbnail of an input asset, so the sample, your own URL or your chosen file (an object URL) is visibly
// what will be sent. A URL the browser cannot load (offline, a placeholder host) shows nothing rather than a
// broken-image icon.
import { useState } from 'react';
import type { CharacterType } from '../lib/spec-options.js';

const previewable = (uri: string) => /^(data:|https:\/\/|blob:)/.test(uri);

export function AssetPreview({ type, uri, label }: { type: CharacterType; uri: string; label: string }) {
  const [failedUri, setFailedUri] = useState<string>();
  if (!previewable(uri) || failedUri === uri) return null;
  const onError = () => setFailedUri(uri);
  return type === 'image' ? (
    <img className="preview" src={uri} alt={label} onError={onError} />
  ) : (
    <video
      className="preview"
      src={uri}
      aria-label={label}
      muted
      playsInline
      loop
      autoPlay
      onError={onError}
    />
  );
}
