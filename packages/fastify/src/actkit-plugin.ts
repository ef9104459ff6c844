import {
  type ActkitHandlerOptions,
  type Authorize,
  createActkitHandler,
  NodeActkitRequest,
  sendFastifyAnswer,
  writeFastifyReply,
} from '@actkit/core/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { contractRoutes } from './contract-routes.js';
import { parserProblem } from './parser-problem.js';

/**
 * Options of `actkitPlugin`: the handler's options (client, secret, limits, store, …) with an `authorize`
 * that receives the Fastify request. Fastify's own `prefix` option says where the contract is served.
 */
export interface ActkitFastifyOptions extends Omit<ActkitHandlerOptions, 'authorize'> {
  /**
   * Who is asking: the owner id from the Fastify request (`request.user` set by your auth hook, a session,
   * …). `null`/`undefined` → 401; throw an error with `status: 403` → 403.
   */
  authorize(request: FastifyRequest): string | null | undefined | Promise<string | null | undefined>;
  /** Where to serve the contract, e.g. '/api/actkit' (Fastify's own register option). */
  prefix?: string;
}

const actkit: FastifyPluginAsync<ActkitFastifyOptions> = async (scope, { prefix: _prefix, ...options }) => {
  const handler = createActkitHandler({ ...options, authorize: options.authorize as Authorize });
  // Open event streams would keep `app.close()` waiting (Fastify's docs: end them in preClose).
  scope.addHook('preClose', () => handler.close());

  // This scope reads its own bodies: the handler enforces JSON only (415), `maxBodyBytes` (413) and safe
  // parsing, all as problem+json. The app's parsers (and Fastify's 1 MiB JSON parser) stay on its routes.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  scope.setErrorHandler((error, _request, reply) => {
    const problem = parserProblem(error);
    if (!problem) throw error; // not ours: the app's own error handler answers it
    return writeFastifyReply(reply, problem);
  });

  for (const route of contractRoutes) {
    // Not an async function: the reply is sent when the handler answers (Fastify waits for reply.send).
    scope.all(route.url, (request: FastifyRequest, reply: FastifyReply) => {
      const path = route.path(request.raw.url ?? request.url);
      // The body is the payload stream the parser above handed over (undefined without a body).
      const actkitRequest = new NodeActkitRequest(
        request.method,
        path,
        request.headers,
        request.body,
        request,
        reply.raw,
        request.url,
      );
      // At once when the handler needs no wait (a repeated GET), as a bare route answers.
      sendFastifyAnswer(reply, handler.answer(actkitRequest));
    });
  }
};

/**
 * Serves the actkit browser contract as a Fastify plugin (Fastify 4.29+ and 5):
 * `app.register(actkitPlugin, { prefix: '/api/actkit', client, authorize })`. It is encapsulated: its body
 * handling, error handler and routes stay in its own context, while the app's hooks (an `onRequest` auth
 * hook, CORS, …) still run on its routes. Fastify is never loaded by this package; the app's own copy is.
 */
export const actkitPlugin = fastifyPlugin(actkit, {
  name: '@actkit/fastify',
  fastify: '>=4.29.0 <6',
  encapsulate: true,
});
