// What the file pickers offer and what the form says about files, from the spec's limits (generated into
// @actkit/core): the media types each kind accepts, its inline size cap and the reference clip's length.
// A chosen file of the wrong kind (or too large to go inline) is refused the moment it is chosen, with
// @actkit/react's own check: the words `start` would say at Generate.
import { dataUriLimits, referenceVideoDurationSeconds } from '@actkit/core';
import { checkAssetFile } from '@actkit/react';
import type { FormValues } from './form-values.js';
import type { CharacterType } from './spec-options.js';

/** The `accept` attribute of a file picker for `kind`: the spec's media types. */
export const acceptFor = (kind: CharacterType) => dataUriLimits[kind].mediaTypes.join(',');

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** "images up to 5 MB, videos up to 16 MB, the reference clip 3–30 s" */
export const fileLimitsInWords = `images up to ${mb(dataUriLimits.image.maxDecodedBytes)}, videos up to ${mb(
  dataUriLimits.video.maxDecodedBytes,
)}, the reference clip ${referenceVideoDurationSeconds.minimum}–${referenceVideoDurationSeconds.maximum} s`;

/** The character type a chosen file is, by its media type (undefined when it says neither). */
export const characterTypeOf = (file: File): CharacterType | undefined =>
  file.type.startsWith('image/') ? 'image' : file.type.startsWith('video/') ? 'video' : undefined;

/** "1.2 MB", "640 KB" for a chosen file. */
export const fileSizeInWords = (bytes: number) =>
  bytes >= 1024 * 1024 ? mb(bytes) : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * The errors of the files the form holds, by problem path (`character.uri`, `reference.uri`): a media type
 * the field's kind does not take (a PNG on the reference clip, a PDF anywhere), or a file over the inline
 * cap. Derived from the values, so a field's error goes as soon as its file is replaced or removed. The
 * reference clip's length needs the browser to load it: `start` checks that at Generate.
 */
export function chosenFileErrors(values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const character = values.characterFile && checkAssetFile(values.characterFile, values.characterType);
  const reference = values.referenceFile && checkAssetFile(values.referenceFile, 'video');
  if (character) errors['character.uri'] = character;
  if (reference) errors['reference.uri'] = reference;
  return errors;
}
