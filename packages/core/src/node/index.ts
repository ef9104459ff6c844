// @actkit/core/node: helpers that need Node's file system. Kept out of the main entry so browser bundles of
// @actkit/core pull no Node-only module.
export type { DownloadOptions, DownloadProgress, DownloadResult } from './download-output.js';
export { downloadOutput } from './download-output.js';
export type { OutputDownloadFailure } from './output-download-error.js';
export { OutputDownloadError, OutputExpiredError } from './output-download-error.js';
export type { VideoContainer } from './video-signature.js';
export { videoContainerOf } from './video-signature.js';
