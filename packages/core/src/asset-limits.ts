// The provider's limits on `data:` URI assets, checked before a paid request leaves the process: the decoded
// size, the declared media type, and that the bytes start like that type. Every number and list comes from
// the spec's `x-data-uri` extensions through generation (asset-limits.gen.ts), none is written here.
// Synchronous and browser-safe; reading a video's container (duration, codec) is asset-media.ts's job.
import { dataUriParts, decodedByteLength, isBase64Payload, leadingBytes } from './data-uri.js';
import { imageDataUriLimits, videoDataUriLimits } from './generated/cometapi-runway/asset-limits.gen.js';
import {
  familyNames,
  familyOfMediaType,
  looksLikeText,
  mediaTypeNames,
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

const MiB = 1024 * 1024;
const kindWords: Record<AssetKind, string> = { image: 'an image', video: 'a video' };

/** "16 MB", "4.8 MB", "900 bytes": Runway's MB is 1,048,576 bytes. */
export function describeBytes(bytes: number): string {
  if (bytes < MiB) return `${bytes} bytes`;
  const mb = bytes / MiB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** "JPEG, PNG or WebP": the accepted media types in words (types without a known name as themselves). */
export function describeMediaTypes(mediaTypes: readonly string[]): string {
  const names = [...new Set(mediaTypes.map((type) => mediaTypeNames[type] ?? type))];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

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
  if (!parts) return 'must be a base64 data: URI like data:image/png;base64,<data>';
  if (!isBase64Payload(uri, parts)) {
    return 'the data after ";base64," is not valid base64 (only A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4 characters)';
  }
  const limits = kind ? dataUriLimits[kind] : undefined;
  const maxBytes =
    limits?.maxDecodedBytes ?? Math.max(...Object.values(dataUriLimits).map((l) => l.maxDecodedBytes));
  const bytes = decodedByteLength(uri, parts);
  if (bytes > maxBytes) {
    return `is ${describeBytes(bytes)} once decoded; ${kind ? `${kindWords[kind]} data: URI` : 'a data: URI'} may hold at most ${describeBytes(maxBytes)} (the provider's limit; host a larger file on HTTPS and pass its URL)`;
  }
  if (!kind || !limits) return undefined;
  if (!limits.mediaTypes.includes(parts.mediaType)) {
    return `is labelled ${parts.mediaType}; ${kindWords[kind]} must be ${describeMediaTypes(limits.mediaTypes)} (${limits.mediaTypes.join(', ')})`;
  }
  const expected = familyOfMediaType[parts.mediaType];
  if (!expected) return undefined; // a media type the spec added without a known signature: not sniffed
  const leading = leadingBytes(uri, parts);
  const found = signatureFamily(leading);
  if (found === expected) return undefined;
  if (found) return `is labelled ${parts.mediaType} but holds ${familyNames[found]}`;
  return `is labelled ${parts.mediaType} but its bytes are not ${familyNames[expected]}${looksLikeText(leading) ? ' (they look like text)' : ''}`;
}
