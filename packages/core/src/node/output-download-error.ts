// The error of a download that did not produce a video file. Its `reason` names the cause, so a caller can
// tell an expired URL (status 403/404: read the task again for fresh URLs) from a storage or proxy error
// page (content-type, not-video) and a connection that broke mid-body (truncated).
import { ActkitError, type ActkitErrorDetails } from '../index.js';

/**
 * Why a download was refused:
 * - `status`: the answer was not 200 (`status` holds it; 403/404 usually mean the URL expired, 24–48 h);
 * - `content-type`: the answer's Content-Type cannot be a video (XML, HTML, JSON, text, …);
 * - `not-video`: the first bytes are no MP4, QuickTime or WebM/Matroska container (or the body was empty);
 * - `truncated`: the body ended (or the connection broke) before all of it arrived.
 */
/**
 * Why a download produced no video: the answer's `status`, its `content-type`, bytes that are `not-video`, a
 * `truncated` body, or a destination file that could not be `write`n (a missing folder, a directory, no
 * permission, a full disk: the file system's code is the error's `code`).
 */
export type OutputDownloadFailure = 'status' | 'content-type' | 'not-video' | 'truncated' | 'write';

/** A download that did not produce a video; no file (final or `.part`) is left behind. */
export class OutputDownloadError extends ActkitError {
  override name = 'OutputDownloadError';
  readonly reason: OutputDownloadFailure;
  /** The answer's Content-Type, when it had one. */
  readonly contentType: string | undefined;
  /** Bytes received before the download stopped. */
  readonly receivedBytes: number;
  /** The Content-Length announced, when there was one. */
  readonly expectedBytes: number | undefined;

  constructor(
    message: string,
    details: ActkitErrorDetails & {
      reason: OutputDownloadFailure;
      contentType?: string;
      receivedBytes?: number;
      expectedBytes?: number;
    },
  ) {
    super(message, details);
    this.reason = details.reason;
    this.contentType = details.contentType;
    this.receivedBytes = details.receivedBytes ?? 0;
    this.expectedBytes = details.expectedBytes;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      reason: this.reason,
      contentType: this.contentType,
      receivedBytes: this.receivedBytes,
      expectedBytes: this.expectedBytes,
    };
  }
}

/**
 * The output URL answered 401, 403, 404 or 410 (an expired link: Runway's expire 24–48 h after the task
 * ended) and could not be renewed: `downloadOutput` had no `client` (or only a URL) to read the task again
 * with, the re-read failed (its error is the `cause`) or had no such output, or the fresh URL answered the
 * same. `url` is the expired URL without its query (the signature stays out of errors and logs); `status`
 * what it answered. Nothing was written to the destination.
 */
export class OutputExpiredError extends OutputDownloadError {
  override name = 'OutputExpiredError';
  /** The expired URL, without its query string. */
  readonly url: string;

  constructor(message: string, details: ActkitErrorDetails & { url: string }) {
    super(message, { ...details, reason: 'status' });
    this.url = details.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), url: this.url };
  }
}
