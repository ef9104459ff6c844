// Recognises a video container by its first bytes, so a download can refuse what is not a video (a storage
// bucket's XML error page, a proxy's HTML, a JSON error) before it is saved under a `.mp4` name. Runway's
// outputs are MP4; the containers Runway accepts as input (MP4, MOV, WebM) are recognised too.
//   • ISO BMFF (MP4, MOV, 3GP): a box type at offset 4, `ftyp` first in any modern file; QuickTime files
//     written without one start with another top-level atom (`moov`, `mdat`, `wide`, `free`, `skip`, `pnot`).
//   • Matroska / WebM: the EBML magic `1A 45 DF A3` at offset 0.

/** A video container recognised from a file's first bytes. */
export type VideoContainer = 'mp4' | 'quicktime' | 'matroska';

/** How many leading bytes `videoContainerOf` needs (the box type at 4..8, and the brand at 8..12). */
export const videoSignatureBytes = 12;

const quickTimeAtoms = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** The container `head` (a file's first bytes, at least 8) starts, or undefined when it is no video. */
export function videoContainerOf(head: Uint8Array): VideoContainer | undefined {
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'matroska';
  if (head.length < 8) return undefined;
  const box = ascii(head, 4, 8);
  if (box === 'ftyp') return head.length >= 12 && ascii(head, 8, 12) === 'qt  ' ? 'quicktime' : 'mp4';
  return quickTimeAtoms.has(box) ? 'quicktime' : undefined;
}

/** Whether a Content-Type may hold a video: any `video/*`, `application/mp4`, or an octet stream. */
export function isVideoContentType(contentType: string | null): boolean {
  if (contentType === null) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === '' ||
    type.startsWith('video/') ||
    type === 'application/mp4' ||
    type === 'application/octet-stream' ||
    type === 'binary/octet-stream'
  );
}
