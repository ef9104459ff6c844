// A video file's length, read in the browser by the browser itself: an off-screen <video> element loads the
// file's metadata from an object URL (no parser is shipped to the page). Bounded in time, and the object URL
// is revoked and the element emptied whatever happens.

/** How long the metadata may take before the length counts as unknown, in ms (a local file takes a few). */
const metadataTimeoutMs = 5000;

/**
 * The length of `file` (of media type `type`) in seconds, or undefined when the browser cannot tell: no media
 * support (server rendering, jsdom), a type it says it cannot play (`canPlayType`: MOV in Chromium), a codec it
 * cannot decode (H.265, ProRes in some browsers), a stream with no known length (a recorded WebM), no
 * metadata within 5 s, or `signal` aborted. Never rejects: an unknown length is left to the server, which
 * reads the container again.
 */
export function readVideoDuration(
  file: Blob,
  type: string,
  signal: AbortSignal,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    let video: HTMLVideoElement;
    let url: string;
    try {
      video = document.createElement('video');
      if (!video.canPlayType(type)) return resolve(undefined);
      url = URL.createObjectURL(file);
    } catch {
      return resolve(undefined);
    }
    const done = () => {
      const seconds = video.duration;
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      video.onloadedmetadata = video.onerror = null;
      video.removeAttribute('src');
      URL.revokeObjectURL(url);
      resolve(!signal.aborted && seconds > 0 && seconds < Number.POSITIVE_INFINITY ? seconds : undefined);
    };
    const timer = setTimeout(done, metadataTimeoutMs);
    signal.addEventListener('abort', done);
    video.onloadedmetadata = video.onerror = done;
    video.preload = 'metadata';
    video.muted = true;
    video.src = url;
  });
}
