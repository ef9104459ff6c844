// The actkit browser contract as a Hono sub-app: `app.route('/api/actkit', actkit({ client, authorize }))`.
// A thin mapping onto @actkit/core/server's Web Fetch entry: Hono's router matches the contract's four
// paths (anything else falls through to the parent app), the handler does the rest.
import {
  type ActkitFetchHandlerOptions,
  createActkitFetchHandler,
  lastPathSegments,
} from '@actkit/core/server';
import { type Context, type Env, Hono } from 'hono';

/**
 * Options: the handler's (`client`, `secret`, `limits`, `maxBodyBytes`, `heartbeatMs`, `store`, …) with an
 * `authorize` that receives Hono's `Context`.
 */
export interface ActkitHonoOptions<E extends Env = Env>
  extends Omit<ActkitFetchHandlerOptions, 'authorize' | 'basePath' | 'fallthrough'> {
  /**
   * Who is asking: read your session from the context (`c.get('session')` set by your middleware, a cookie,
   * a header). Return the owner id; `null`/`undefined` → 401; throw an error with `status: 403` → 403.
   */
  authorize: (c: Context<E>) => string | null | undefined | Promise<string | null | undefined>;
}

/** The sub-app to mount with `app.route(path, …)`, plus `close()`. */
export type ActkitHono<E extends Env = Env> = Hono<E> & {
  /** Stops the shared upstream watch loops and ends open event streams (call on shutdown). */
  close(): Promise<void>;
};

/** The contract's paths as Hono patterns, with how many trailing URL segments each one matches. */
const contractRoutes = [
  ['/character-performances', 1],
  ['/tasks', 1],
  ['/tasks/:handle', 2],
  ['/tasks/:handle/events', 3],
] as const;

/**
 * Builds the sub-app. Every method reaches the handler on the contract's paths (a wrong one answers 405 with
 * `Allow`); other paths are not routed here, so the parent app's routes and `notFound` answer them. Throws at
 * once like `createActkitHandler` (no client, no authorize, no secret). Runs wherever Hono does (Node.js
 * through @hono/node-server, Bun, Deno, Workers): the handler uses Web APIs only.
 */
export function actkit<E extends Env = Env>(options: ActkitHonoOptions<E>): ActkitHono<E> {
  const { authorize, ...handlerOptions } = options;
  if (typeof authorize !== 'function') throw new TypeError('actkit: `authorize` is required');
  const handler = createActkitFetchHandler({
    ...handlerOptions,
    authorize: (_request, context) => authorize(context as Context<E>),
  });
  const app = new Hono<E>();
  for (const [pattern, segments] of contractRoutes) {
    // `answer`: a Response as it is when the handler needs no wait, which @hono/node-server sends at once.
    app.all(pattern, (c) =>
      handler.answer(c.req.raw, { path: lastPathSegments(c.req.path, segments), context: c }),
    );
  }
  return Object.assign(app, { close: () => handler.close() });
}
