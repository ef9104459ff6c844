// The response Nest hands a controller (`@Res()`) or a filter, on either platform: Node's ServerResponse on
// Express, a FastifyReply on Fastify. Writing goes through core's writers for each; nothing else differs.
import type { ServerResponse } from 'node:http';
import {
  type ActkitResponse,
  type FastifyReplyLike,
  writeFastifyReply,
  writeNodeResponse,
} from '@actkit/core/server';

/** A FastifyReply, as far as this package uses it: its `raw` is Node's response. */
type FastifyReply = FastifyReplyLike & { readonly raw: ServerResponse };

export type NestResponse = ServerResponse | FastifyReply;

const isFastifyReply = (res: NestResponse): res is FastifyReply =>
  typeof (res as FastifyReply).hijack === 'function';

/** Node's response under either platform (for `clientGoneSignal`, `headersSent`). */
export const nodeResponse = (res: NestResponse): ServerResponse => (isFastifyReply(res) ? res.raw : res);

/**
 * Writes a handler response (JSON, problem or event stream) on either platform; the promise, when there is
 * one, settles when the answer is written (for a stream: when it ends or the client leaves).
 */
export function writeNestResponse(res: NestResponse, response: ActkitResponse): Promise<void> | undefined {
  return isFastifyReply(res) ? writeFastifyReply(res, response) : writeNodeResponse(res, response);
}
