// Turns the files in a start input into what the contract carries, before any request: each is checked
// against the spec's limits (media type; size when it goes inline; the reference clip's length), and a file
// that passes is encoded as a base64 data: URI or handed to the app's `uploadAsset` for an https URL. What
// fails comes back as the same 400 validation problem the server would answer (field errors in core's
// message table), and nothing is sent. The limits and words come from core's sources, bundled in: the
// generated limits (a few numbers and lists) and a handful of messages, not core's entry with its schemas.

import { durationMessage, uploadFailedMessage, uploadResultMessage } from '../../core/src/field-messages.js';
import { referenceVideoDurationSeconds } from '../../core/src/generated/actkit-server/asset-limits.gen.js';
import { problemTypes } from '../../core/src/server/problem.js';
import { checkAssetFile, mediaTypeOf } from './asset-file-check.js';
import type { AssetField, CharacterPerformanceStartInput, UploadAsset } from './asset-input.js';
import type { CharacterPerformanceInput } from './contract.js';
import { ActkitProblemError } from './problem-error.js';
import { readVideoDuration } from './video-duration.js';

type Kind = 'image' | 'video';
type FieldError = { path: AssetField; message: string };

/** Why `file` cannot be sent as `kind` (type, size when inline, a reference's length), or undefined. */
async function checkFile(file: Blob, kind: Kind, field: AssetField, inline: boolean, signal: AbortSignal) {
  const problem = checkAssetFile(file, kind, inline);
  if (problem || field !== 'reference.uri') return problem;
  const seconds = await readVideoDuration(file, mediaTypeOf(file), signal);
  const { minimum, maximum } = referenceVideoDurationSeconds;
  return seconds !== undefined && (seconds < minimum || seconds > maximum)
    ? durationMessage(seconds, minimum, maximum)
    : undefined;
}

/** `file` as `data:<type>;base64,…` (FileReader; aborted with `signal`). */
const dataUriOf = (file: Blob, signal: AbortSignal) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    const abort = () => reader.abort();
    signal.addEventListener('abort', abort);
    reader.onloadend = () => {
      signal.removeEventListener('abort', abort);
      const text = reader.result;
      if (typeof text === 'string')
        resolve(`data:${mediaTypeOf(file)};base64,${text.slice(text.indexOf(',') + 1)}`);
      else reject(reader.error ?? signal.reason);
    };
    reader.readAsDataURL(file);
  });

/**
 * The 400 problem the server would answer for these fields, made here. `cause`: what `uploadAsset`
 * rejected with, kept for the app's own logging only: its words never reach `detail` or `fieldErrors`.
 */
const invalid = (errors: FieldError[], cause?: unknown) =>
  new ActkitProblemError(
    {
      status: 400,
      title: 'Invalid input',
      type: problemTypes.validation,
      detail: errors.map(({ path, message }) => `${path} ${message}`).join('; '),
      errors,
    },
    cause === undefined ? undefined : { cause },
  );

/** A file in the input: its field, the file, and the kind the field takes. */
export type AssetFileEntry = [AssetField, Blob, Kind];

/** The files in `input` (fields whose `uri` is a File/Blob); empty for an input of URLs only. */
export function assetFilesOf(input: CharacterPerformanceStartInput): AssetFileEntry[] {
  const { character, reference } = input;
  const kind = character.type === 'image' || character.type === 'video' ? character.type : undefined;
  const fields: [AssetField, string | Blob, Kind | undefined][] = [
    ['character.uri', character.uri, kind],
    ['reference.uri', reference.uri, 'video'],
  ];
  return fields.filter((entry): entry is AssetFileEntry => typeof entry[1] !== 'string' && !!entry[2]);
}

/**
 * The input with every file of `files` (see assetFilesOf) replaced by a data: URI (or, with `upload`, by
 * the URL it resolves to), or the validation problem of the files that break the spec's limits (status 0
 * when a file could not be read at all). Never rejects; after `signal` aborted, ignore the result.
 */
export async function prepareAssets(
  input: CharacterPerformanceStartInput,
  files: AssetFileEntry[],
  upload: UploadAsset | undefined,
  signal: AbortSignal,
): Promise<
  { input: CharacterPerformanceInput; error?: undefined } | { input?: undefined; error: ActkitProblemError }
> {
  try {
    return await prepare(input, files, upload, signal);
  } catch (cause) {
    return {
      error: new ActkitProblemError({ status: 0, title: 'Could not read the file', detail: `${cause}` }),
    };
  }
}

async function prepare(
  input: CharacterPerformanceStartInput,
  files: AssetFileEntry[],
  upload: UploadAsset | undefined,
  signal: AbortSignal,
) {
  const { character, reference } = input;
  const errors: FieldError[] = [];
  for (const [path, file, fileKind] of files) {
    const message = await checkFile(file, fileKind, path, !upload, signal);
    if (message) errors.push({ path, message });
  }
  if (errors.length) return { error: invalid(errors) };

  const uris: Partial<Record<AssetField, string>> = {};
  const rejections: unknown[] = [];
  for (const [path, file] of files) {
    if (!upload) {
      uris[path] = await dataUriOf(file, signal);
      continue;
    }
    try {
      const url = await upload(file, { field: path, signal });
      if (typeof url === 'string' && /^https:\/\/[^/?#\s]+/.test(url)) uris[path] = url;
      else errors.push({ path, message: uploadResultMessage() });
    } catch (error) {
      // Storage errors name buckets and keys: the user sees actkit's words, the app gets the error.
      rejections.push(error);
      errors.push({ path, message: uploadFailedMessage() });
    }
  }
  const cause =
    rejections.length > 1
      ? new AggregateError(rejections, 'uploadAsset rejected for more than one file')
      : rejections[0];
  if (errors.length) return { error: invalid(errors, cause) };
  return {
    input: {
      ...input,
      character: { ...character, uri: uris['character.uri'] ?? character.uri },
      reference: { ...reference, uri: uris['reference.uri'] ?? reference.uri },
    } as CharacterPerformanceInput,
  };
}
