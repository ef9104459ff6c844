// The contract for Web Fetch runtimes (Bun, Deno, Cloudflare Workers, Vercel Edge, Next.js route handlers,
// Hono): `(request: Request) => Promise<Response>`, over the same handler the Node adapters use. Web APIs
// only: no `node:` import (handles are sealed with Web Crypto), bodies are read from the request's stream,
// event streams are ReadableStreams.
import { createActkitHandler } from './create-actkit-handler.js';
import { fetchClientGone } from './fetch-client-gone.js';
import { fromFetchRequest } from './fetch-request.js';
import { toFetchResponse } from './fetch-response.js';
import { problemResponse } from './problem.js';
import { type ActkitHandlerOptions, type Awaitable, isPromiseLike } from './types.js';

/**
 * Decides who is asking, like `Authorize`, from the Fetch `Request` (read its cookies or headers). An adapter
 * passes its framework's own object as `context` (Hono's `Context`). Return the owner id; `null`/`undefined`
 * → 401; throw an error with `status: 403` → 403.
 */
export type FetchAuthorize = (
  request: Request,
  context: unknown,
) => string | null | undefined | Promise<string | null | undefined>;

export interface ActkitFetchHandlerOptions extends Omit<ActkitHandlerOptions, 'authorize'> {
  /** Who is asking; see `FetchAuthorize`. Required: the handler must never be an open proxy. */
  authorize: FetchAuthorize;
  /**
   * The path prefix the contract is served under, e.g. `/api/actkit` (the request URL's pathname is matched
   * against it; a trailing slash is ignored). Default: `''`, the contract at the root.
   */
  basePath?: string;
  /**
   * What to answer outside the contract (a path not under `basePath`, or under it but none of the contract's
   * paths): `false` (default) a 404 problem, so the handler can be a whole app; `true` resolve `undefined`, so
   * a router can try its next route.
   */
  fallthrough?: boolean;
}

/** Per call, for adapters whose router already matched the mount point. */
export interface ActkitFetchRoute {
  /** The contract path relative to the mount (`/tasks/<handle>`); `basePath` is then not consulted. */
  path?: string;
  /** Passed to `authorize` as its second argument (the framework's request context). */
  context?: unknown;
}

/**
 * Answers one request: the contract's JSON, problem+json or an SSE stream (a `ReadableStream` of UTF-8). Never
 * rejects. `Outside` is what a request outside the contract gets: never (a 404 problem) or `undefined`
 * (`fallthrough: true`).
 */
export interface ActkitFetchHandler<Outside = never> {
  (request: Request, route?: ActkitFetchRoute): Promise<Response | Outside>;
  /**
   * The same answer, returned as it is when it needs no wait (see `ActkitHandler.answer`: a repeated GET of
   * a task this process holds), else a promise. For routers that serve a synchronous `Response` sooner
   * (Hono on @hono/node-server). Never throws or rejects.
   */
  answer(request: Request, route?: ActkitFetchRoute): Awaitable<Response | Outside>;
  /** True when `path` (relative to the mount) is one of the contract's paths. */
  owns(path: string): boolean;
  /** Stops every upstream watch loop and ends open event streams (shutdown, tests). */
  close(): Promise<void>;
}

const trimSlashes = (path: string) => path.replace(/\/+$/, '');

/** `pathname` relative to `basePath` (`/tasks/x`), or undefined when it is not under it. */
function pathUnder(pathname: string, basePath: string): string | undefined {
  if (basePath === '') return pathname;
  if (!pathname.startsWith(basePath)) return undefined;
  const rest = pathname.slice(basePath.length);
  return rest === '' || rest.startsWith('/') ? rest || '/' : undefined;
}

/**
 * The last `count` segments of `pathname` as a contract path (`/tasks/<handle>`): what a router that matched
 * a catch-all or a pattern of `count` segments (Next.js `[...actkit]`, Hono's `/tasks/:handle`) leaves for
 * the contract, still percent-encoded as the client sent it. Trailing slashes are dropped.
 */
export function lastPathSegments(pathname: string, count: number): string {
  // Walks back over the slashes instead of split/join: this runs on every request.
  let end = pathname.length;
  while (end > 1 && pathname.charCodeAt(end - 1) === 47) end--;
  let start = end;
  for (let i = 0; i < count && start > 0; i++) start = pathname.lastIndexOf('/', start - 1);
  return pathname.slice(Math.max(start, 0), end);
}

/**
 * Builds the Fetch handler. Throws at once like `createActkitHandler` (no client, no authorize, no secret).
 * Paths are matched without the query string.
 */
export function createActkitFetchHandler(
  options: ActkitFetchHandlerOptions & { fallthrough: true },
): ActkitFetchHandler<undefined>;
export function createActkitFetchHandler(options: ActkitFetchHandlerOptions): ActkitFetchHandler;
export function createActkitFetchHandler(
  options: ActkitFetchHandlerOptions,
): ActkitFetchHandler<undefined> | ActkitFetchHandler {
  const { authorize, basePath: rawBasePath = '', fallthrough = false, ...handlerOptions } = options;
  if (typeof authorize !== 'function')
    throw new TypeError('createActkitFetchHandler: `authorize` is required');
  const basePath = trimSlashes(
    rawBasePath.startsWith('/') || rawBasePath === '' ? rawBasePath : `/${rawBasePath}`,
  );
  const handler = createActkitHandler({
    ...handlerOptions,
    authorize: (raw) => {
      const { request, context } = raw as { request: Request; context: unknown };
      return authorize(request, context);
    },
  });

  const answer = (request: Request, route: ActkitFetchRoute = {}): Awaitable<Response | undefined> => {
    const path = route.path ?? pathUnder(new URL(request.url).pathname, basePath);
    if (path === undefined || (fallthrough && !handler.owns(path))) {
      return fallthrough
        ? undefined
        : toFetchResponse(problemResponse(404, 'No such route.'), fetchClientGone(undefined));
    }
    const gone = fetchClientGone(request);
    const raw = { request, context: route.context };
    const response = handler.answer(fromFetchRequest(request, path, raw, gone));
    return isPromiseLike(response)
      ? response.then((known) => toFetchResponse(known, gone))
      : toFetchResponse(response, gone);
  };
  const serve = (request: Request, route?: ActkitFetchRoute) => {
    try {
      return Promise.resolve(answer(request, route));
    } catch (error) {
      return Promise.reject(error); // a promise whatever happens, as the callable's type says
    }
  };
  return Object.assign(serve, { answer, owns: handler.owns, close: () => handler.close() }) as
    | ActkitFetchHandler<undefined>
    | ActkitFetchHandler;
}
