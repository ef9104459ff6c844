// A handler response as a Web Fetch `Response`. JSON answers are one string. An event stream becomes a
// ReadableStream pulled one SSE chunk at a time; it ends at the task's terminal state, when the client goes
// away (`request.signal`) or when the consumer cancels it: each of these leaves the shared watcher at once.
import type { FetchClientGone } from './fetch-client-gone.js';
import { type ActkitResponse, isEventStream } from './types.js';

const encoder = new TextEncoder();

/** The Fetch response for `response`; `gone` is the request's client-gone signal (released when done). */
export function toFetchResponse(response: ActkitResponse, gone: FetchClientGone): Response {
  if (!isEventStream(response)) {
    gone.release();
    return new Response(response.body ?? JSON.stringify(response.json), {
      status: response.status,
      headers: response.headers,
    });
  }
  const events = response.events[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<string>;
      try {
        next = await events.next();
      } catch (error) {
        gone.release();
        controller.error(error);
        return;
      }
      try {
        if (next.done) {
          gone.release();
          controller.close();
        } else controller.enqueue(encoder.encode(next.value));
      } catch {
        // A cancel while this pull waited already closed the stream: nothing left to deliver.
      }
    },
    async cancel() {
      // The abort wakes a stream waiting for the next state (a bare `return()` would queue behind that wait).
      gone.abort();
      gone.release();
      await events.return?.();
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
