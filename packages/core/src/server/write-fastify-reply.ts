// Writing a handler response through a Fastify reply: what @actkit/fastify and @actkit/nestjs on
// @nestjs/platform-fastify both do after `handler.handle`, so it lives here once. Typed structurally: this
// module imports nothing from Fastify or Node.
import { type ActkitResponse, type Awaitable, isEventStream, isPromiseLike } from './types.js';
import { type NodeResponseLike, writeNodeResponse } from './write-node-response.js';

/** The part of Fastify's `FastifyReply` (Fastify 4 and 5) the writer uses. */
export interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  /** A string body, or an error for Fastify's error handler. */
  send(payload: string | Error): unknown;
  /** Headers the app's hooks set on the reply so far (CORS, security headers, a request id). */
  getHeaders(): Record<string, number | string | string[] | undefined>;
  /** Takes the response away from Fastify's lifecycle: the caller writes `raw` itself. */
  hijack(): unknown;
  /** Node's `http.ServerResponse`. */
  readonly raw: NodeResponseLike & {
    setHeader(name: string, value: number | string | readonly string[]): unknown;
  };
}

/**
 * Sends a handler response through a Fastify reply. A JSON answer (a `{ task }` or a problem) goes through
 * `reply.send`, so the app's `onSend`/`onResponse` hooks and logging see it as any other reply. An event
 * stream is written to the raw response after `reply.hijack()`, as Fastify's own `@fastify/sse` writes
 * streams: `reply.send(stream)` would hold the headers back until the first chunk (the first upstream poll)
 * and pass each chunk through `onSend` hooks (a compression hook buffers them). The headers the app's hooks
 * already put on the reply are carried over to the raw response first. A JSON answer is sent at once (returns
 * undefined); for a stream the returned promise resolves when it ended or the client left (leaving releases
 * the watcher).
 */
export function writeFastifyReply(
  reply: FastifyReplyLike,
  response: ActkitResponse,
): Promise<void> | undefined {
  if (!isEventStream(response)) {
    // Synchronous: a JSON answer (the hot path, GET /tasks/{handle}) costs no promise.
    reply
      .code(response.status)
      .headers(response.headers)
      .send(response.body ?? JSON.stringify(response.json));
    return undefined;
  }
  reply.hijack();
  const headers = reply.getHeaders();
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) reply.raw.setHeader(name, value);
  }
  return writeNodeResponse(reply.raw, response);
}

/**
 * Writes `answer` (what `handler.answer` returned) through the reply: at once when it is already there (a
 * GET the handler answered from memory: no promise, as in a bare Fastify route), else when it resolves. A
 * failure to write goes to `reply.send(error)`, Fastify's error path. Returns nothing; the reply is sent.
 */
export function sendFastifyAnswer(reply: FastifyReplyLike, answer: Awaitable<ActkitResponse>): void {
  const failed = (error: unknown) => {
    reply.send(error instanceof Error ? error : new Error(String(error)));
  };
  if (isPromiseLike(answer)) {
    answer.then((response) => writeFastifyReply(reply, response)).then(undefined, failed);
    return;
  }
  try {
    writeFastifyReply(reply, answer)?.then(undefined, failed);
  } catch (error) {
    failed(error);
  }
}
