// What a container parser tells about a video, in the words validation needs. Shared by the Node reader
// (read-video.ts) and the browser stand-in (browser.ts), so both entries of `@actkit/core/media` agree.

/** What was read from a video file's container. */
export interface VideoFacts {
  /** The container's media type: `video/mp4`, `video/quicktime`, `video/webm`, `video/x-matroska`, … */
  container: string;
  /** The container's name as the parser gives it: "MP4", "QuickTime File Format", "WebM", "Ogg", … */
  containerName: string;
  /**
   * The first video track's codec in the spec's words (`H.264`, `H.265`, `AV1`, `VP8`, `VP9`, `ProRes`),
   * `null` when the file has a video track whose codec the parser does not know, `undefined` when it has
   * no video track at all.
   */
  codec: string | null | undefined;
  /**
   * The clip's length in seconds, as players (`<video>.duration`) and ffprobe's format duration measure it:
   * the whole file, the end of its longest track (a 5 s video with 35 s of audio is 35 s long).
   */
  durationSeconds: number;
}

/** The outcome of reading a video: its facts, or why the bytes are not a readable, whole video container. */
export type VideoReading =
  | { ok: true; facts: VideoFacts }
  /** Not a container the parser reads (text, an image, an unknown format); `reason`: the parser's words. */
  | { ok: false; problem: 'unreadable'; reason: string }
  /**
   * The start of a container whose media is missing: a file cut short. `missing: 'tracks'`: no audio or
   * video track at all (an MP4 cut before its index, which sits at the end unless it was made "faststart");
   * `'samples'`: a track's last frame (in decode order, the one stored last) lies past the end of the bytes,
   * or the track has no readable frame (a WebM cut inside its clusters). A track the parser does not read
   * (Theora in Ogg) counts as none.
   */
  | {
      ok: false;
      problem: 'incomplete';
      missing: 'tracks' | 'samples';
      /** As in VideoFacts: the container is known even when its media is not all there. */
      container: string;
      containerName: string;
    };

/**
 * Reads a video from its bytes. Resolves `undefined` where no parser is available (the browser build of
 * `@actkit/core/media`): the caller then skips the container checks. Never rejects for bad bytes.
 */
export type ReadVideo = (bytes: Uint8Array) => Promise<VideoReading | undefined>;

/**
 * Reads a video held in a base64 `data:` URI (decoding it first). Same outcomes as `ReadVideo`; a URI that
 * is not `data:<type>;base64,…` reads as `{ ok: false }`.
 */
export type ReadVideoDataUri = (uri: string) => Promise<VideoReading | undefined>;
