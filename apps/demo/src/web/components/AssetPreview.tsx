// A thumbnail of an input asset, so the sample (or your own URL) is visibly what will be sent.
import type { CharacterType } from '../lib/spec-options.js';

const previewable = (uri: string) => uri.startsWith('data:') || uri.startsWith('https://');

export function AssetPreview({ type, uri, label }: { type: CharacterType; uri: string; label: string }) {
  if (!previewable(uri)) return null;
  return type === 'image' ? (
    <img className="preview" src={uri} alt={label} />
  ) : (
    <video className="preview" src={uri} aria-label={label} muted playsInline loop autoPlay />
  );
}
