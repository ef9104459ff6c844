// Which kind of file a few leading bytes start with ("magic numbers"), so a text file labelled video/mp4 or
// a PNG labelled image/jpeg is refused before anything is sent, in the browser too. Only the families the
// spec's media types can name are known; telling MP4 from MOV, or WebM from Matroska, takes the container
// parser on the Node path (see asset-media.ts).

/** A file family recognisable from its first bytes. */
export type SignatureFamily = 'jpeg' | 'png' | 'webp' | 'isobmff' | 'ebml';

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

// ISO BMFF (MP4, MOV) starts with a box: 4 bytes of size, then its type. `ftyp` is the rule; QuickTime files
// from older tools may start with one of the others.
const isobmffFirstBoxes = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

/** The family `bytes` (a file's first bytes, at least 12 for WebP and ISO BMFF) belong to, if any. */
export function signatureFamily(bytes: Uint8Array): SignatureFamily | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 8 && isobmffFirstBoxes.has(ascii(bytes, 4, 8))) return 'isobmff';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'ebml';
  return undefined;
}

/** The family each accepted media type must start with; a type missing here is not sniffed. */
export const familyOfMediaType: Readonly<Record<string, SignatureFamily>> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'isobmff',
  'video/quicktime': 'isobmff',
  'video/webm': 'ebml',
};

/** How a message names an accepted media type: "JPEG", "MOV". */
export const mediaTypeNames: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/jpg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
  'video/quicktime': 'MOV',
  'video/webm': 'WebM',
};

/** ["JPEG", "PNG", "WebP"]: the accepted media types in words (types without a known name as themselves). */
export function mediaTypeWords(mediaTypes: readonly string[]): string[] {
  return [...new Set(mediaTypes.map((type) => mediaTypeNames[type] ?? type))];
}

/** How a message names a family: "holds a PNG image". */
export const familyNames: Readonly<Record<SignatureFamily, string>> = {
  jpeg: 'a JPEG image',
  png: 'a PNG image',
  webp: 'a WebP image',
  isobmff: 'an MP4/MOV video',
  ebml: 'a WebM/Matroska video',
};

/** True when every byte is printable ASCII or whitespace: the "file" is most likely text. */
export function looksLikeText(bytes: Uint8Array): boolean {
  return (
    bytes.length > 0 && bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d)
  );
}
