// Streams a finished task's output video to a file or a WritableStream. Output URLs expire (24-48 h at
// Runway), so download right after the task succeeds; the body is streamed (never buffered whole), written
// to `<file>.part` and renamed at the end so a failed download never leaves a truncated file behind.
//
// "200" is not "a video": a storage bucket answers an expired or forbidden object with an XML error page,
// sometimes with status 200, and a proxy can answer HTML. So before a byte is written the answer must be a
// 200, with a Content-Type that can hold a video, and its first bytes must be a video container (see
// video-signature.ts); a body shorter than its Content-Length is refused too. Each refusal is an
// OutputDownloadError naming the reason, and no file (final or `.part`) is left behind.
//
// An answer of 401/403/404/410 is what an expired link gets (a bucket's presigned URL past its time, a CDN
// token gone): given the task and a `client`, the task is read again once (a re-read returns fresh links)
// and the fresh link downloaded; otherwise, or when that fails too, an OutputExpiredError says so.
import { createWriteStream } from 'node:fs';
import { access, constants, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ActkitAbortError, ActkitError, ConnectionError, type SucceededTask, type Task } from '../index.js';
import { OutputDownloadError, OutputExpiredError } from './output-download-error.js';
import { isVideoContentType, videoContainerOf, videoSignatureBytes } from './video-signature.js';

/** Download progress. */
export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length; undefined when the server did not say. */
  totalBytes: number | undefined;
  /** receivedBytes / totalBytes (0..1), when totalBytes is known. */
  fraction: number | undefined;
}

/** Options of `downloadOutput`. */
export interface DownloadOptions {
  /** Aborts the download at once (ActkitAbortError); a partial file is removed. */
  signal?: AbortSignal;
  /** Called as bytes arrive. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Which of `task.output` to fetch. Default 0. */
  index?: number;
  /** A fetch implementation. Defaults to `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /**
   * Reads the task again when its output URL answers 401, 403, 404 or 410 (expired): once, through
   * `client.tasks.retrieve(task.id)`, then the fresh URL is downloaded. Any client from
   * `createActkitClient` fits. Without it an expired URL is an `OutputExpiredError` at once.
   */
  client?: { tasks: { retrieve(id: string, options?: { signal?: AbortSignal }): Promise<Task> } };
}

/** What was downloaded. */
export interface DownloadResult {
  /** The URL the bytes came from: the task's, or the fresh one a re-read handed out. */
  url: string;
  bytes: number;
  /** The file written, when the destination was a path. */
  path?: string;
  /** The task as read again when its URL had expired (keep it: its `output` holds the fresh URLs). */
  freshTask?: SucceededTask;
}

/** The statuses an expired (or withdrawn) signed link answers with. */
const expiredStatuses = new Set([401, 403, 404, 410]);
const isExpiredAnswer = (error: unknown): error is OutputDownloadError =>
  error instanceof OutputDownloadError && error.reason === 'status' && expiredStatuses.has(error.status ?? 0);

/**
 * Downloads `task.output[index]` (or a URL string) to `destination`: a file path, or a WritableStream.
 *
 * When the URL answers 401/403/404/410 (an expired link) and `options.client` is given with a task, the task
 * is read again once and its fresh URL downloaded (`result.freshTask` is that task). Throws
 * `OutputExpiredError` (an `OutputDownloadError` with reason `status`) when the link had expired and could not
 * be renewed: no client, a bare URL, the re-read failed or has no such output, or the fresh URL answered
 * the same. Throws `OutputDownloadError` when the answer is not a video, with `reason`: `status` (any other
 * non-200), `content-type` (XML, HTML, JSON, text, …; a missing Content-Type is allowed and left to the
 * bytes), `not-video` (the first bytes are no MP4/QuickTime/WebM container) or `truncated` (fewer bytes than
 * Content-Length, or the connection broke mid-body) or `write` (the file could not be written: a missing
 * folder, a folder, no permission, a full disk; checked before anything is fetched where it can be).
 * `ConnectionError` when the server could not be reached,
 * `ActkitAbortError` on abort. Nothing is written to the destination before the first bytes were checked,
 * and a file destination keeps nothing on failure (the `.part` file is removed).
 */
export async function downloadOutput(
  task: SucceededTask | string,
  destination: string | WritableStream<Uint8Array>,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const index = options.index ?? 0;
  const url = typeof task === 'string' ? task : task.output[index];
  const taskId = typeof task === 'string' ? undefined : task.id;
  if (!url) {
    throw new ActkitError(
      typeof task === 'string' ? 'No URL to download' : `Task ${task.id} has no output #${index} to download`,
      { taskId },
    );
  }
  // A destination that cannot be written fails before anything is fetched (not as a broken download).
  if (typeof destination === 'string') await checkWritable(destination, taskId);
  try {
    return await downloadUrl(url, destination, options, taskId);
  } catch (error) {
    if (!isExpiredAnswer(error)) throw error;
    const expired = (why: string, cause: unknown = error) =>
      new OutputExpiredError(
        `The output URL ${withoutQuery(url)} has expired (HTTP ${error.status}); ${why}`,
        { url: withoutQuery(url), taskId, status: error.status, cause },
      );
    if (typeof task === 'string') {
      throw expired('a URL alone cannot be renewed: pass the task and { client } to read it again');
    }
    if (!options.client) {
      throw expired('no { client } was given to read the task again for a fresh one');
    }
    let fresh: Task;
    try {
      fresh = await options.client.tasks.retrieve(task.id, options.signal ? { signal: options.signal } : {});
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw expired('reading the task again failed', cause);
    }
    const freshUrl = fresh.status === 'SUCCEEDED' ? fresh.output[index] : undefined;
    if (fresh.status !== 'SUCCEEDED' || !freshUrl) {
      throw expired(`the task read again has no output #${index} (status ${fresh.status})`);
    }
    try {
      return { ...(await downloadUrl(freshUrl, destination, options, taskId)), freshTask: fresh };
    } catch (again) {
      if (!isExpiredAnswer(again)) throw again;
      throw expired(`the fresh URL the task read again gave answered HTTP ${again.status} too`, again);
    }
  }
}

/** One download of `url` (see downloadOutput): refused unless it is a video, no file left on failure. */
async function downloadUrl(
  url: string,
  destination: string | WritableStream<Uint8Array>,
  options: DownloadOptions,
  taskId: string | undefined,
): Promise<DownloadResult> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const { signal } = options;
  const shown = redactQuery(url);
  let received = 0;

  const aborted = () =>
    new ActkitAbortError(`Download of ${shown} was aborted`, { cause: signal?.reason, taskId });

  let response: Response;
  try {
    response = await fetchImpl(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw aborted();
    throw new ConnectionError(`Could not download ${shown}`, { cause: error, taskId });
  }
  const { status } = response;
  const contentType = response.headers.get('content-type') ?? undefined;
  const lengthHeader = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
  const refuse = (reason: OutputDownloadError['reason'], why: string, cause?: unknown, code?: string) =>
    new OutputDownloadError(`Download of ${shown} failed: ${why}`, {
      reason,
      code,
      status,
      contentType,
      receivedBytes: received,
      expectedBytes: totalBytes,
      taskId,
      cause,
    });

  if (status !== 200 || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw refuse('status', `HTTP ${status}`);
  }
  if (!isVideoContentType(response.headers.get('content-type'))) {
    await response.body.cancel().catch(() => {});
    throw refuse('content-type', `the answer is ${contentType}, not a video`);
  }

  // Holds back the first bytes until they show a video container, counts bytes for progress, and refuses a
  // body shorter than its Content-Length.
  let head: Uint8Array | undefined = new Uint8Array(0);
  const pass = (chunk: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>) => {
    received += chunk.byteLength;
    options.onProgress?.({
      receivedBytes: received,
      totalBytes,
      fraction: totalBytes ? Math.min(1, received / totalBytes) : undefined,
    });
    controller.enqueue(chunk);
  };
  const release = (controller: TransformStreamDefaultController<Uint8Array>) => {
    const bytes = head ?? new Uint8Array(0);
    head = undefined;
    if (!videoContainerOf(bytes)) {
      throw refuse(
        'not-video',
        bytes.byteLength === 0 ? 'the body is empty' : 'the body is not an MP4, QuickTime or WebM video',
      );
    }
    pass(bytes, controller);
  };
  const checked = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (!head) return pass(chunk, controller);
        const joined = new Uint8Array(head.byteLength + chunk.byteLength);
        joined.set(head);
        joined.set(chunk, head.byteLength);
        head = joined;
        if (head.byteLength >= videoSignatureBytes) release(controller);
      },
      flush(controller) {
        if (head) release(controller);
        if (totalBytes !== undefined && received < totalBytes) {
          throw refuse('truncated', `the body ended after ${received} of ${totalBytes} bytes`);
        }
      },
    }),
  );

  const failed = (error: unknown) => {
    if (signal?.aborted) return aborted();
    if (error instanceof ActkitError) return error;
    if (isFileSystemError(error)) {
      return refuse('write', `the file could not be written (${error.code})`, error, error.code);
    }
    return refuse(
      'truncated',
      `the connection broke after ${received}${totalBytes ? ` of ${totalBytes}` : ''} bytes`,
      error,
    );
  };

  if (typeof destination !== 'string') {
    try {
      await checked.pipeTo(destination, signal ? { signal } : {});
      return { url, bytes: received };
    } catch (error) {
      throw failed(error);
    }
  }
  const partial = `${destination}.part`;
  const file = createWriteStream(partial);
  try {
    await pipeline(
      Readable.fromWeb(checked as NodeReadableStream<Uint8Array>),
      file,
      signal ? { signal } : {},
    );
  } catch (error) {
    // An empty body fails before the file has even opened: removed only once the stream closed, or its
    // pending open would create the `.part` file again after the rm.
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
    await rm(partial, { force: true });
    throw failed(error);
  }
  try {
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    throw isFileSystemError(error)
      ? refuse('write', `the file could not be written (${error.code})`, error, error.code)
      : error;
  }
  return { url, bytes: received, path: destination };
}

/** An error of the file system (ENOENT, EISDIR, EACCES, ENOSPC, …), as opposed to one of the network. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  return (
    typeof code === 'string' &&
    typeof syscall === 'string' &&
    /^(open|write|rename|close|fsync)$/.test(syscall)
  );
}

/** Throws OutputDownloadError `write` when `destination`'s folder is missing or not writable, or it is a folder. */
async function checkWritable(destination: string, taskId: string | undefined): Promise<void> {
  const fail = (code: string, cause: unknown) =>
    new OutputDownloadError(`Cannot write ${destination}: ${code}`, {
      reason: 'write',
      code,
      cause,
      taskId,
    });
  try {
    await access(dirname(destination), constants.W_OK);
  } catch (error) {
    throw fail((error as { code?: string }).code ?? 'EACCES', error);
  }
  const existing = await stat(destination).catch(() => undefined);
  if (existing?.isDirectory()) throw fail('EISDIR', undefined);
}

/** The URL without its query (the signature) and fragment: what errors may show. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'the output URL';
  }
}

/** Output URLs are signed; keep the signature out of messages and logs. */
function redactQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.search ? `${parsed.origin}${parsed.pathname}?…` : url;
  } catch {
    return 'the output URL';
  }
}
