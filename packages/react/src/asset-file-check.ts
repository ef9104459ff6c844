// The checks a chosen file can be given the moment it is chosen, before `start`: its media type against the
// kind its field takes, and its size when it goes inline. Synchronous, so a page can show the field error
// at once (a PNG dropped on the reference clip's box). `start` runs the same checks (plus the reference
// clip's length, which needs the browser to load the file) before anything is sent.
import { fileTooLargeMessage, fileTypeMessage } from '../../core/src/field-messages.js';
import {
  imageDataUriLimits,
  videoDataUriLimits,
} from '../../core/src/generated/actkit-server/asset-limits.gen.js';
import { mediaTypeWords } from '../../core/src/media-signature.js';

const limits = { image: imageDataUriLimits, video: videoDataUriLimits };

/** `video/webm;codecs=vp9` → `video/webm`: what the spec lists, and a data: URI's header can carry. */
export const mediaTypeOf = (file: Blob) => file.type.split(';')[0]!.trim().toLowerCase();

/**
 * Why `file` cannot be sent as `kind` (`image`, or `video`: the reference clip is always one), in the words
 * of core's message table, or undefined: a media type the spec's `x-data-uri` does not list for the kind
 * ("is of type image/png; a video must be MP4, MOV or WebM (…)"), or, when `inline` (the default: no
 * `uploadAsset`), more bytes than the kind's data: URI cap (Runway: 5 MB image, 16 MB video). A page can
 * call it when a file is chosen; `start` calls it again, then checks the reference clip's length.
 */
export function checkAssetFile(file: Blob, kind: 'image' | 'video', inline = true): string | undefined {
  const { mediaTypes, maxDecodedBytes } = limits[kind];
  const type = mediaTypeOf(file);
  if (!(mediaTypes as readonly string[]).includes(type)) {
    return fileTypeMessage(type, kind, mediaTypeWords(mediaTypes), mediaTypes);
  }
  return inline && file.size > maxDecodedBytes
    ? fileTooLargeMessage(file.size, maxDecodedBytes, kind)
    : undefined;
}
