// The checks that need a video's container read: the reference clip's length (the spec's 3–30 s), the
// container (MP4/MOV/WebM, matching its label) and the codec, for video `data:` URIs. HTTPS URLs are never
// fetched. The parser lives in `@actkit/core/media` and is imported lazily, on the first video data: URI:
// on Node that entry reads containers with mediabunny; a browser bundle resolves it to a stand-in that reads
// nothing, so this check is skipped there (the server runs it again). See the README, "Asset limits".
import { dataUriLimits, mediaTypeWords } from './asset-limits.js';
import type { CharacterPerformanceRequest } from './character-performance-input.js';
import { dataUriParts } from './data-uri.js';
import type { ValidationIssue } from './errors.js';
import { fieldMessages } from './field-messages.js';
import { referenceVideoDurationSeconds } from './generated/cometapi-runway/asset-limits.gen.js';
import type { VideoReading } from './media/video-facts.js';
import { familyOfMediaType } from './media-signature.js';

type MediaEntry = typeof import('./media/index.js');
let mediaEntry: Promise<MediaEntry> | undefined;
// A relative import in the sources; the build turns it into `import('@actkit/core/media')` (tsup.config.ts),
// whose `browser` condition is the parser-free stand-in.
const loadMediaEntry = () => {
  mediaEntry ??= import('./media/index.js');
  return mediaEntry;
};

const video = dataUriLimits.video;
const duration = referenceVideoDurationSeconds;

/** Why the video read from a data URI labelled `label` breaks the spec's rules, or undefined. */
function videoProblem(reading: VideoReading, label: string, isReference: boolean): string | undefined {
  const accepted = mediaTypeWords(video.mediaTypes);
  if (!reading.ok && reading.problem === 'unreadable') {
    return fieldMessages.unreadableVideo(reading.reason, accepted);
  }
  // The container first, even for a file cut short: an Ogg file is refused as Ogg, whatever it holds.
  const { container, containerName } = reading.ok ? reading.facts : reading;
  if (!video.mediaTypes.includes(container)) {
    return fieldMessages.container(containerName, container, accepted, video.mediaTypes);
  }
  if (familyOfMediaType[container] !== familyOfMediaType[label]) {
    return fieldMessages.containerLabel(label, containerName, container);
  }
  if (!reading.ok) {
    return reading.missing === 'tracks'
      ? fieldMessages.noMediaTracks(accepted)
      : fieldMessages.incompleteVideo();
  }
  const { facts } = reading;
  if (facts.codec === undefined) return fieldMessages.noVideoTrack();
  const codecs = video.codecs ?? [];
  if (codecs.length > 0 && (facts.codec === null || !codecs.includes(facts.codec))) {
    return fieldMessages.codec(facts.codec, codecs);
  }
  const seconds = facts.durationSeconds;
  if (isReference && !(seconds >= duration.minimum && seconds <= duration.maximum)) {
    return fieldMessages.duration(seconds, duration.minimum, duration.maximum);
  }
  return undefined;
}

// Requests whose media passed, with the URIs they held then: the server handler checks before counting a
// create against the owner's limits, and the client's create then need not decode the same clip again.
// Keyed by the request object and compared by the URI strings (a changed URI is checked again).
/** The part of a create request the media checks read (a validated request or the input it came from). */
export type MediaRequest = Pick<CharacterPerformanceRequest, 'character' | 'reference'>;

const passed = new WeakMap<object, readonly unknown[]>();
const urisOf = (request: MediaRequest) => [request.character?.uri, request.reference?.uri];

const isDataUri = (uri: unknown): uri is string => typeof uri === 'string' && uri.startsWith('data:');

/**
 * Reads the container of every video `data:` URI in a validated create request (`character` when its type
 * is `video`, and `reference`) and returns one issue per asset that breaks the spec's rules: not a readable
 * video, a file cut short (its frames lie past the end of its bytes: "is incomplete: the file was cut short
 * …"), a container other than MP4/MOV/WebM or other than its label, a codec the provider does not take, or
 * a reference clip outside 3–30 s, measured as players measure it, the whole file, its longest track (the
 * message gives the measured length: "is 2.0 s long; the reference clip must be 3–30 s"). `[]` when all is
 * well, when there is no video data: URI (HTTPS URLs are not fetched), and in a browser build, which reads
 * no containers. Async: it parses the container on Node, decoding only the parts of the payload the parser
 * reads (the index and each track's last frame: ~1 ms for a 10 MB clip).
 * Rejects only when the media entry cannot be loaded.
 */
export async function validateAssetMedia(request: MediaRequest): Promise<ValidationIssue[]> {
  const uris = urisOf(request);
  const before = passed.get(request);
  if (before?.every((uri, i) => uri === uris[i])) return [];
  const targets: { path: string; uri: string; isReference: boolean }[] = [];
  if (request.character?.type === 'video' && isDataUri(request.character.uri)) {
    targets.push({ path: 'character.uri', uri: request.character.uri, isReference: false });
  }
  if (isDataUri(request.reference?.uri)) {
    targets.push({ path: 'reference.uri', uri: request.reference.uri, isReference: true });
  }
  const issues: ValidationIssue[] = [];
  if (targets.length > 0) {
    const { readVideoDataUri } = await loadMediaEntry();
    for (const { path, uri, isReference } of targets) {
      const label = dataUriParts(uri)?.mediaType ?? '';
      const reading = await readVideoDataUri(uri);
      const problem = reading && videoProblem(reading, label, isReference);
      if (problem) issues.push({ path, message: problem });
    }
  }
  if (issues.length === 0) passed.set(request, uris);
  return issues;
}

/**
 * For an input the synchronous validation refused with `issues`: the container issues of the asset fields
 * that passed their own checks (no issue on `character`/`reference` or below them), so every problem is
 * reported at once rather than the clip's length on the next attempt. A field already in error is not read,
 * nor is anything when the input is not an object. Same outcomes and costs as `validateAssetMedia`.
 */
export async function validateAssetMediaBeside(
  input: unknown,
  issues: readonly ValidationIssue[],
): Promise<ValidationIssue[]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  const clean = (field: string) =>
    !issues.some((issue) => issue.path === '' || issue.path === field || issue.path.startsWith(`${field}.`));
  const { character, reference } = input as Partial<MediaRequest>;
  const request: Partial<MediaRequest> = {};
  if (clean('character')) request.character = character;
  if (clean('reference')) request.reference = reference;
  return validateAssetMedia(request as MediaRequest);
}
