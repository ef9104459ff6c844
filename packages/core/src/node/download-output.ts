// Streams a finished task's output video to a file or a WritableStream. Output URLs expire (24-48 h at
// Runway), so download right after the task succeeds; the body is streamed (never buffered whole), written
// to `<file>.part` and renamed at the end so a failed download never leaves a truncated file behind.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ActkitAbortError, ActkitError, ConnectionError, type SucceededTask } from '../index.js';

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
}

/** What was downloaded. */
export interface DownloadResult {
  url: string;
  bytes: number;
  /** The file written, when the destination was a path. */
  path?: string;
}

/**
 * Downloads `task.output[index]` (or a URL string) to `destination`: a file path, or a WritableStream.
 * Throws ActkitError for HTTP errors (403/404 usually mean the URL expired), ConnectionError for network
 * failures and ActkitAbortError on abort.
 */
export async function downloadOutput(
  task: SucceededTask | string,
  destination: string | WritableStream<Uint8Array>,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const index = options.index ?? 0;
  const url = typeof task === 'string' ? task : task.output[index];
  if (!url) {
    throw new ActkitError(
      typeof task === 'string' ? 'No URL to download' : `Task ${task.id} has no output #${index} to download`,
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const { signal } = options;
  let received = 0;

  const aborted = () =>
    new ActkitAbortError(`Download of ${redactQuery(url)} was aborted`, { cause: signal?.reason });

  let response: Response;
  try {
    response = await fetchImpl(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw aborted();
    throw new ConnectionError(`Could not download ${redactQuery(url)}`, { cause: error });
  }
  if (!response.ok || !response.body) {
    const hint =
      response.status === 403 || response.status === 404 ? ' (output URLs expire after 24-48 h)' : '';
    throw new ActkitError(`Download of ${redactQuery(url)} failed: HTTP ${response.status}${hint}`, {
      status: response.status,
    });
  }
  const lengthHeader = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        options.onProgress?.({
          receivedBytes: received,
          totalBytes,
          fraction: totalBytes ? Math.min(1, received / totalBytes) : undefined,
        });
        controller.enqueue(chunk);
      },
    }),
  );

  try {
    if (typeof destination === 'string') {
      const partial = `${destination}.part`;
      try {
        await pipeline(
          Readable.fromWeb(counted as NodeReadableStream<Uint8Array>),
          createWriteStream(partial),
          signal ? { signal } : {},
        );
        await rename(partial, destination);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { url, bytes: received, path: destination };
    }
    await counted.pipeTo(destination, signal ? { signal } : {});
    return { url, bytes: received };
  } catch (error) {
    if (signal?.aborted) throw aborted();
    if (error instanceof ActkitError) throw error;
    throw new ConnectionError(`Download of ${redactQuery(url)} broke off after ${received} bytes`, {
      cause: error,
    });
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
