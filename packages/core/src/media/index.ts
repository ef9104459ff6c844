// @actkit/core/media (Node): reads a video's container (format, codec, duration) so a clip outside the
// spec's limits is refused before a paid request. `@actkit/core` imports this entry lazily, only for video
// data: URIs; browsers get media/browser.ts instead through the `browser` export condition.
export { readVideo, readVideoDataUri } from './read-video.js';
export type { ReadVideo, ReadVideoDataUri, VideoFacts, VideoReading } from './video-facts.js';

/** True: this build reads containers (the browser build says false and reads nothing). */
export const readsContainers = true;
