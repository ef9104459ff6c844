// @actkit/core/media for browsers (the `browser` export condition): no container parser is shipped to a
// page (mediabunny is 12 MB installed), so a video's container is not read here and the checks that need it
// are skipped. A page reads durations from a <video> element instead; the server checks again on Node.
import type { ReadVideo, ReadVideoDataUri } from './video-facts.js';

export type { ReadVideo, ReadVideoDataUri, VideoFacts, VideoReading } from './video-facts.js';

/** Reads nothing in a browser: always resolves `undefined` ("not checked here"). */
export const readVideo: ReadVideo = async () => undefined;

/** Reads nothing in a browser: always resolves `undefined` ("not checked here"). */
export const readVideoDataUri: ReadVideoDataUri = async () => undefined;

/** False: this build reads no containers. */
export const readsContainers = false;
