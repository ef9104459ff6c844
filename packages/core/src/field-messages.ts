// THE message table: every word actkit says about a field of a create input, in one place. Messages read
// after the field's name ("seed must be between 0 and 4294967295") and need no knowledge of zod or JSON
// Schema. The numbers and values in them come from the spec through the field rules (field-rules.ts) and
// the generated schemas; none is typed in here. Core's validation (`ActkitValidationError.issues`), the
// server's 400 problem (`errors[]`, `detail`) and the demo's form all use these words.
import type { DataUriHeaderProblem } from './data-uri.js';
import type { FieldRule } from './field-rules.js';

const list = (values: readonly (string | number)[]) => values.join(', ');
const both = (values: readonly string[]) =>
  values.length > 1 ? `${values.slice(0, -1).join(', ')} and ${values.at(-1)}` : (values[0] ?? '');
const MiB = 1024 * 1024;

/** "16 MB", "4.8 MB", "900 bytes": Runway's MB is 1,048,576 bytes. */
export function describeBytes(bytes: number): string {
  if (bytes < MiB) return `${bytes} bytes`;
  const mb = bytes / MiB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** The size `describeBytes` shows, in bytes: what a reader takes the figure for. */
const shownBytes = (bytes: number) => (bytes < MiB ? bytes : Number(describeBytes(bytes).slice(0, -3)) * MiB);
/** "16,777,217 bytes". */
const exactBytes = (bytes: number) => `${String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;

/**
 * A size over a limit, and the limit, in words: ["17 MB", "16 MB"]; or, when the rounded figure would hide
 * the overage (16 MB and 1 byte shows as "16.0 MB" beside a "16 MB" cap), both in bytes: ["16,777,217
 * bytes", "16,777,216 bytes"].
 */
function describeOverLimit(bytes: number, maxBytes: number): [size: string, limit: string] {
  if (shownBytes(bytes) > maxBytes) return [describeBytes(bytes), describeBytes(maxBytes)];
  return [exactBytes(bytes), exactBytes(maxBytes)];
}

/** "a or b", "a, b or c". */
const either = (values: readonly string[]) =>
  values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : (values[0] ?? '');

/**
 * "an Ogg", "an MPEG-TS", "a Matroska", "a WebM": the article a container's name takes when read aloud (a
 * vowel, or a spelled-out acronym whose first letter sounds like one: M-P-E-G, but not "Matroska").
 */
const withArticle = (name: string) =>
  /^[aeio]|^[FHLMNRSX][A-Z]/i.test(name) && !/^[FHLMNRSX][a-z]/.test(name) ? `an ${name}` : `a ${name}`;

/** What an asset field holds: an image or a video. */
type AssetKindWord = 'image' | 'video';
const kindWords: Record<AssetKindWord, string> = { image: 'an image', video: 'a video' };
/** A well-formed data: URI of each kind, as an example in messages. */
const dataUriExamples: Record<AssetKindWord, string> = {
  image: 'data:image/png;base64,…',
  video: 'data:video/mp4;base64,…',
};
const dataUriExample = (kind: AssetKindWord | undefined) =>
  kind ? dataUriExamples[kind] : `${dataUriExamples.image} or ${dataUriExamples.video}`;

// The messages about a chosen file that @actkit/react says in the browser, defined on their own (and listed
// in the table below like every other) so a browser bundle takes these few and not the whole table: a
// bundler cannot drop an object's unused properties.

/**
 * A reference clip outside the spec's `x-duration-seconds` (`minimum`..`maximum`, inclusive). `seconds`
 * is shown with one decimal, or more when one would round a clip just outside the range into it ("30.04").
 */
export const durationMessage = (seconds: number, minimum: number, maximum: number) => {
  const inside = (s: number) => s >= minimum && s <= maximum;
  const short = seconds.toFixed(1);
  const shown = inside(Number(short)) !== inside(seconds) ? seconds.toFixed(3).replace(/0+$/, '') : short;
  return `is ${shown} s long; the reference clip must be ${minimum}–${maximum} s`;
};

/** A chosen file (File/Blob) larger than the spec's `x-data-uri` cap for its kind: it would be sent inline. */
export const fileTooLargeMessage = (bytes: number, maxBytes: number, kind: AssetKindWord) => {
  const [size, limit] = describeOverLimit(bytes, maxBytes);
  const file = size.endsWith(' MB') ? `a ${size} file` : `a file of ${size}`;
  return `is ${file}; ${kindWords[kind]} sent inline may be at most ${limit} (the provider's limit for data: URIs; host a larger file on HTTPS and pass its URL)`;
};

/** A chosen file whose media type (`type`, '' when the browser knows none) the spec does not list. */
export const fileTypeMessage = (
  type: string,
  kind: AssetKindWord,
  acceptedWords: readonly string[],
  accepted: readonly string[],
) =>
  `is ${type ? `of type ${type}` : 'of an unknown type'}; ${kindWords[kind]} must be ${either(acceptedWords)} (${accepted.join(', ')})`;

/**
 * The app's `uploadAsset` failed for this file. Its error is not quoted: storage errors name buckets, keys
 * and accounts, and this message is shown to the page's user (the hook keeps the error as the `cause`).
 */
export const uploadFailedMessage = () => 'could not be uploaded; try again';

/** The app's `uploadAsset` resolved to something that is no https URL. */
export const uploadResultMessage = () =>
  'was uploaded, but uploadAsset did not resolve to an https URL to send instead';

/** Each message of the table, by rule. Every one completes a sentence that starts with the field's name. */
export const fieldMessages = {
  /** Absent (or `undefined`) where the spec requires a value. */
  required: () => 'is required',
  /** Not a number, or a number with a fraction, where the spec says `type: integer`. */
  wholeNumber: () => 'must be a whole number',
  /** Not a number where the spec says `type: number`. */
  number: () => 'must be a number',
  /** Outside the spec's inclusive `minimum`..`maximum`. */
  between: (min: number, max: number) => `must be between ${min} and ${max}`,
  /** Not `true` or `false`. */
  trueOrFalse: () => 'must be true or false',
  /** Not one of the spec's enum (or const) values. */
  oneOf: (values: readonly string[]) =>
    values.length === 1 ? `must be ${values[0]}` : `must be one of ${list(values)}`,
  /** Not an object where the spec expects one with these keys. */
  object: (keys: readonly string[]) => `must be an object with ${both(keys)}`,
  /** The whole input is not an object. */
  inputObject: (required: readonly string[]) => `must be an object with at least ${both(required)}`,
  /** A key the spec does not know (a typo would otherwise be dropped and the default used). */
  unknownField: (known: readonly string[]) => `is not a known field (known: ${list(known)})`,
  /** `__proto__`, `constructor` or `prototype`: never accepted, at any depth. */
  forbiddenKey: () => 'is not allowed (a reserved name)',
  /** An asset URI that is neither an https URL nor a data: URI (or not a string, or unparsable). */
  httpsUrl: () => 'must be an https URL with a host name, or a base64 data: URI',
  /** An asset URL with another scheme: the provider only fetches https. */
  httpsScheme: (scheme: string) => `must be an https URL with a host name (not ${scheme}:)`,
  /** An IP literal as the host: the provider refuses them, and they can point at internal addresses. */
  hostName: () => 'must be an https URL with a host name, not an IP address',
  /** A host that is not a public DNS name (`localhost`, one label, a numeric top-level label). */
  publicHostName: (host: string) => `must be an https URL with a public host name ("${host}" is not one)`,
  /** `user:password@` in the URL. */
  noCredentials: () => 'must not contain a user name or password',
  /** Spaces or line breaks around an asset URI (a copy-paste): the provider would not find the asset. */
  surroundingSpace: () => 'must not start or end with spaces or line breaks',
  /** `HTTPS://…`: a URL parser takes it, the spec's pattern and the provider's docs want `https://`. */
  schemeCase: () => 'must start with "https://" in lower case',
  /** Longer than the spec's `maxLength` of HttpsUrl. */
  urlLength: (length: number, max: number) => `must be at most ${max} characters long (it is ${length})`,
  /**
   * A data: URI whose header is not `data:<type>/<subtype>;base64,` (the spec's pattern: the form Runway
   * documents), with the example of the field's kind (`undefined`: either) and what is wrong (`problem`,
   * see `dataUriHeaderProblem`).
   */
  dataUriShape: (kind: AssetKindWord | undefined, problem: DataUriHeaderProblem = 'shape') => {
    const example = dataUriExample(kind);
    switch (problem) {
      case 'media-type':
        return `must name its media type after "data:", like ${example}`;
      case 'not-base64':
        return `must be base64-encoded, with ";base64," after the media type, like ${example}`;
      case 'parameters':
        return `must not carry parameters (such as ";codecs=…") between its media type and ";base64,": the provider documents data:<type>;base64,… only, like ${example}`;
      case 'case':
        return `must be written in lower case up to the data, like ${example} (the form the provider documents)`;
      default:
        return `must be a base64 data: URI like ${example}`;
    }
  },
  /** A data: URI whose payload is not standard base64. */
  base64: () =>
    'must hold valid base64 after ";base64," (only A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4 characters)',
  /** A data: URI holding more than the spec's `x-data-uri` cap for its kind, once decoded (bytes). */
  dataUriTooLarge: (bytes: number, maxBytes: number, kind: AssetKindWord | undefined) => {
    const [size, limit] = describeOverLimit(bytes, maxBytes);
    return `is ${size} once decoded; ${kind ? `${kindWords[kind]} data: URI` : 'a data: URI'} may hold at most ${limit} (the provider's limit; host a larger file on HTTPS and pass its URL)`;
  },
  /** A data: URI labelled with a media type the spec does not list for its kind (`accepted`: in words). */
  mediaType: (
    label: string,
    kind: AssetKindWord,
    acceptedWords: readonly string[],
    accepted: readonly string[],
  ) => `is labelled ${label}; ${kindWords[kind]} must be ${either(acceptedWords)} (${accepted.join(', ')})`,
  /** A data: URI whose first bytes are a file of another kind than its label. */
  labelMismatch: (label: string, found: string) => `is labelled ${label} but holds ${found}`,
  /** A data: URI whose first bytes are no known file of its label's kind (`text`: they look like text). */
  notOfLabel: (label: string, expected: string, text: boolean) =>
    `is labelled ${label} but its bytes are not ${expected}${text ? ' (they look like text)' : ''}`,
  /** A video data: URI the container parser could not read. */
  unreadableVideo: (reason: string, acceptedWords: readonly string[]) =>
    `could not be read as a video (${reason}); send an ${either(acceptedWords)} file`,
  /** A video in a container the spec does not list. */
  container: (
    name: string,
    container: string,
    acceptedWords: readonly string[],
    accepted: readonly string[],
  ) =>
    `holds ${withArticle(name)} file (${container}); a video must be ${either(acceptedWords)} (${accepted.join(', ')})`,
  /** A video whose container is not the one its label names. */
  containerLabel: (label: string, name: string, container: string) =>
    `is labelled ${label} but holds ${withArticle(name)} video (${container})`,
  /** A video container with no video track (it holds audio only). */
  noVideoTrack: () => 'holds no video track',
  /** A video container whose frames lie (in part) past the end of its bytes: a file cut short. */
  incompleteVideo: () =>
    'is incomplete: the file was cut short and part of its media data is missing; send the whole file',
  /** A video container with no audio or video track at all: an MP4 cut before its index, say. */
  noMediaTracks: (acceptedWords: readonly string[]) =>
    `is incomplete or unreadable: it holds no audio or video track (an MP4 cut short before its index, for instance); send the whole ${either(acceptedWords)} file`,
  /** A video codec the spec does not list (`codec` null: one the parser does not know). */
  codec: (codec: string | null, codecs: readonly string[]) =>
    codec
      ? `uses the ${codec} video codec; the provider takes ${either(codecs)}`
      : `uses a video codec the provider does not take (it takes ${either(codecs)}); re-encode it with one of those`,
  /** A reference clip outside the spec's `x-duration-seconds` (the measured length in seconds). */
  duration: durationMessage,
  /** A chosen file larger than its kind's data: URI cap (bytes). */
  fileTooLarge: fileTooLargeMessage,
  /** A chosen file of a media type the spec does not list for its kind. */
  fileType: fileTypeMessage,
  /** The app's `uploadAsset` failed for this file. */
  uploadFailed: uploadFailedMessage,
  /** The app's `uploadAsset` resolved to no https URL. */
  uploadResult: uploadResultMessage,
  /** A whole number outside `min`..`max` (or not a whole number): GET /tasks `limit`. */
  wholeNumberFrom: (min: number, max: number) => `must be a whole number from ${min} to ${max}`,
  /** A query parameter given more than once. */
  once: (times: number) => `must be given once (it was given ${times} times)`,
  /** A list cursor this server did not issue to this owner (altered, forged, another owner's). */
  cursor: () => 'is not one this server gave you: pass the nextCursor of the previous page as it is',
  /** The provider refused a value core accepted (its own message goes to logs only, never to a browser). */
  rejectedByProvider: () => 'was rejected by the video provider',
  /** A value that breaks the spec in a way no rule above names (a last resort; should not be seen). */
  invalid: () => 'is not valid',
} as const;

/**
 * Why `value` breaks `rule`, in the table's words, or undefined when it satisfies it. Asset URIs are only
 * checked for being a string here; `checkAssetUri` says what is wrong with one.
 */
export function ruleMessage(rule: FieldRule, value: unknown): string | undefined {
  if (value === undefined) return fieldMessages.required();
  switch (rule.kind) {
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return rule.kind === 'integer' ? fieldMessages.wholeNumber() : fieldMessages.number();
      }
      if (rule.kind === 'integer' && !Number.isInteger(value)) return fieldMessages.wholeNumber();
      if (value < rule.min || value > rule.max) return fieldMessages.between(rule.min, rule.max);
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : fieldMessages.trueOrFalse();
    case 'oneOf':
      return rule.values.includes(value as string) ? undefined : fieldMessages.oneOf(rule.values);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? undefined
        : fieldMessages.object(rule.keys);
    case 'assetUri':
      if (value === '') return fieldMessages.required();
      return typeof value === 'string' ? undefined : fieldMessages.httpsUrl();
  }
}
