// The actkit browser contract as Next.js App Router route handlers: `export const { GET, POST } =
// createActkitRouteHandlers({ ... })` in `app/api/actkit/[...actkit]/route.ts`. A thin mapping onto
// @actkit/core/server's Web Fetch entry; Next itself is only a type here.
import {
  type ActkitFetchHandler,
  type ActkitFetchHandlerOptions,
  createActkitFetchHandler,
  lastPathSegments,
} from '@actkit/core/server';
import type { NextRequest } from 'next/server.js';

/**
 * Options: the handler's (`client`, `secret`, `limits`, `maxBodyBytes`, `heartbeatMs`, `store`, …) with an
 * `authorize` that receives the route's `NextRequest`.
 */
export interface ActkitRouteHandlersOptions
  extends Omit<ActkitFetchHandlerOptions, 'authorize' | 'basePath' | 'fallthrough'> {
  /**
   * Who is asking, from the request (its cookies, headers) or your auth library's `auth()`. Return the owner
   * id; `null`/`undefined` → 401; throw an error with `status: 403` → 403.
   */
  authorize: (request: NextRequest) => string | null | undefined | Promise<string | null | undefined>;
  /**
   * The URL path of the route's folder, e.g. `/api/actkit` for `app/api/actkit/[...actkit]/route.ts`,
   * WITHOUT next.config's `basePath` (Next.js strips it from `request.url` before a route handler runs).
   * Default: none needed, the contract path is taken from the catch-all segment Next matched (`params`), so
   * the route works in any folder and under any next.config `basePath`.
   */
  basePath?: string;
}

/** The second argument Next.js passes a route handler: the dynamic segments, a catch-all as an array. */
export interface ActkitRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/** A route handler (`GET`, `POST`): never rejects; every failure is a problem+json response. */
export type ActkitRouteHandler = (request: NextRequest, context: ActkitRouteContext) => Promise<Response>;

export interface ActkitRouteHandlers {
  GET: ActkitRouteHandler;
  POST: ActkitRouteHandler;
  /** Stops the shared upstream watch loops and ends open event streams (tests, a custom server's shutdown). */
  close(): Promise<void>;
}

/** The contract path of a request to a catch-all route: as many trailing segments as the catch-all holds. */
async function catchAllPath(request: Request, context: ActkitRouteContext | undefined): Promise<string> {
  const params = context ? await context.params : {};
  const segments = Object.values(params).find(Array.isArray);
  return lastPathSegments(new URL(request.url).pathname, segments?.length ?? 0);
}

function build(options: ActkitRouteHandlersOptions) {
  const { authorize, basePath, ...handlerOptions } = options;
  if (typeof authorize !== 'function')
    throw new TypeError('createActkitRouteHandlers: `authorize` is required');
  const handler: ActkitFetchHandler = createActkitFetchHandler({
    ...handlerOptions,
    authorize: (request) => authorize(request as NextRequest),
    basePath: basePath ?? '',
  });
  return { handler, basePath };
}

/**
 * Builds the route handlers. Export `GET` and `POST` from a catch-all route (`[...actkit]`); other methods
 * get Next's own 405.
 *
 * `options` may be a function returning them, called on the first request instead of when the module loads:
 * `next build` loads every route module to read its config, usually without the runtime secrets
 * (COMETAPI_KEY), and `createActkitClient` and the handler throw without them. Plain options are checked at
 * once and throw like `createActkitHandler` (no client, no authorize, no secret); the function form throws
 * the same errors from the first request (Next logs them and answers 500).
 */
export function createActkitRouteHandlers(
  options: ActkitRouteHandlersOptions | (() => ActkitRouteHandlersOptions),
): ActkitRouteHandlers {
  let built = typeof options === 'function' ? undefined : build(options);
  const serve: ActkitRouteHandler = async (request, context) => {
    built ??= build((options as () => ActkitRouteHandlersOptions)());
    const { handler, basePath } = built;
    return basePath === undefined
      ? handler(request, { path: await catchAllPath(request, context) })
      : handler(request);
  };
  return { GET: serve, POST: serve, close: async () => built?.handler.close() };
}
