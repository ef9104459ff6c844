// The provider's refusal of oversized or mistyped data: URI assets: a 400 at create, before any task
// exists. Caps and media types come from the spec's x-data-uri (generated asset-limits.gen.ts), so the
// emulator moves with the spec like the client does. What only reading the file shows (its length) is not a
// 400 at the provider but a task that FAILS later: see asset-failures.ts.
import { dataUriParts, decodedByteLength } from '../../core/src/data-uri.js';
import {
  imageDataUriLimits,
  videoDataUriLimits,
} from '../../core/src/generated/cometapi-runway/asset-limits.gen.js';
import type { CharacterPerformanceRequest } from './types.js';
import type { ValidationFailure } from './validate-request.js';

const limitsOf = { image: imageDataUriLimits, video: videoDataUriLimits } as const;
const MiB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`;

/** The largest create body the emulator reads: two video data: URIs at the cap, base64, plus 1 MiB. */
export const MAX_CREATE_BODY_BYTES = 2 * (Math.ceil(videoDataUriLimits.maxDecodedBytes / 3) * 4) + MiB;

function checkOne(param: string, uri: string, kind: 'image' | 'video'): ValidationFailure | undefined {
  const parts = dataUriParts(uri);
  if (!parts) return undefined; // an https URL (the schema already checked its shape)
  const limits = limitsOf[kind];
  const bytes = decodedByteLength(uri, parts);
  if (bytes > limits.maxDecodedBytes) {
    return {
      ok: false,
      param,
      message: `${param}: data URI too large (${mb(bytes)} decoded); the limit for ${kind} data URIs is ${limits.maxDecodedBytes / MiB} MB`,
    };
  }
  if (!(limits.mediaTypes as readonly string[]).includes(parts.mediaType)) {
    return {
      ok: false,
      param,
      message: `${param}: unsupported content type ${parts.mediaType} in data URI (expected one of ${limits.mediaTypes.join(', ')})`,
    };
  }
  return undefined;
}

/** The first data: URI of a schema-valid body that breaks the caps or the media types, as a 400's reason. */
export function checkDataUriAssets(body: CharacterPerformanceRequest): ValidationFailure | undefined {
  return (
    checkOne('character.uri', body.character.uri, body.character.type) ??
    checkOne('reference.uri', body.reference.uri, 'video')
  );
}
