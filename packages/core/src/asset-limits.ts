// The provider's limits on `data:` URI assets, checked before a paid request leaves the process: the decoded
// size, the declared media type, and that the bytes start like that type. Every number and list comes from
// the spec's `x-data-uri` extensions through generation (asset-limits.gen.ts), none is written here.
// Synchronous and browser-safe; reading a video's container (duration, codec) is asset-media.ts's job.
import {
  dataUriHeaderProblem,
  dataUriParts,
  decodedByteLength,
  isBase64Payload,
  leadingBytes,
} from './data-uri.js';
import { fieldMessages } from './field-messages.js';
import { imageDataUriLimits, videoDataUriLimits } from './generated/cometapi-runway/asset-limits.gen.js';
import {
  familyNames,
  familyOfMediaType,
  looksLikeText,
  mediaTypeWords,
  signatureFamily,
} from './media-signature.js';

/** What an asset field holds: `character` is an image or a video (its `type`); `reference` is a video. */
export type AssetKind = 'image' | 'video';

/** A data-URI limit set, as the spec's `x-data-uri` gives it. */
export interface DataUriLimits {
  /** Largest payload once base64-decoded, in bytes (Runway: 5 MB image, 16 MB video; 1 MB = 1,048,576). */
  readonly maxDecodedBytes: number;
  /** Accepted declared media types, lower-case. */
  readonly mediaTypes: readonly string[];
  /** Accepted video codecs in Runway's words (H.264, …); absent for images. */
  readonly codecs?: readonly string[];
}

/** The spec's limits per asset kind. */
export const dataUriLimits: Readonly<Record<AssetKind, DataUriLimits>> = {
  image: imageDataUriLimits,
  video: videoDataUriLimits,
};

export { mediaTypeWords };

/**
 * What an asset field must hold: `reference` always a video; `character` what its `type` says, undefined
 * when that type is neither (the type's own error is reported; the URI then gets the kind-free checks).
 */
export function assetKindOf(
  field: 'character' | 'reference',
  request: { character?: unknown },
): AssetKind | undefined {
  if (field === 'reference') return 'video';
  const type = (request.character as { type?: unknown } | undefined)?.type;
  return type === 'image' || type === 'video' ? type : undefined;
}

/**
 * Checks a base64 `data:` URI against the spec's limits for `kind`: well formed, standard base64, at most
 * `maxDecodedBytes` once decoded, a declared media type from `mediaTypes`, and leading bytes that match that
 * type. With `kind` undefined only the shape and the largest cap of any kind are checked. Returns why it is
 * invalid (words for a person, with the measured value), or undefined. Pure; decodes ~24 bytes at most.
 */
export function checkDataUriAsset(uri: string, kind: AssetKind | undefined): string | undefined {
  const parts = dataUriParts(uri);
  if (!parts) return fieldMessages.dataUriShape(kind, dataUriHeaderProblem(uri));
  if (!isBase64Payload(uri, parts)) return fieldMessages.base64();
  const limits = kind ? dataUriLimits[kind] : undefined;
  const maxBytes =
    limits?.maxDecodedBytes ?? Math.max(...Object.values(dataUriLimits).map((l) => l.maxDecodedBytes));
  const bytes = decodedByteLength(uri, parts);
  if (bytes > maxBytes) return fieldMessages.dataUriTooLarge(bytes, maxBytes, kind);
  if (!kind || !limits) return undefined;
  if (!limits.mediaTypes.includes(parts.mediaType)) {
    return fieldMessages.mediaType(
      parts.mediaType,
      kind,
      mediaTypeWords(limits.mediaTypes),
      limits.mediaTypes,
    );
  }
  const expected = familyOfMediaType[parts.mediaType];
  if (!expected) return undefined; // a media type the spec added without a known signature: not sniffed
  const leading = leadingBytes(uri, parts);
  const found = signatureFamily(leading);
  if (found === expected) return undefined;
  if (found) return fieldMessages.labelMismatch(parts.mediaType, familyNames[found]);
  return fieldMessages.notOfLabel(parts.mediaType, familyNames[expected], looksLikeText(leading));
}
