// The framework-neutral request/response shapes of the actkit server handler. Express and Nest adapters map
// their own request and response objects onto these and back, and nothing else: every rule (auth, handles,
// limits, validation, problems, SSE) lives behind `ActkitHandler.handle`.
import type { components } from '../generated/actkit-server/types.gen.js';
import type { Task, TerminalTask } from '../task.js';
import type { ActkitStore } from './store.js';

/** The task as the browser sees it (the contract's `Task`): no provider id, key or provider host. */
export type BrowserTask = components['schemas']['Task'];

/** An RFC 9457 problem (the contract's `Problem`). */
export type Problem = components['schemas']['Problem'];

/** The create body a browser may send (the contract's `CharacterPerformanceInput`). */
export type CharacterPerformanceInput = components['schemas']['CharacterPerformanceInput'];

/**
 * Request headers: Node's `IncomingHttpHeaders` (lower-case keys) or a Fetch `Headers`. Only
 * `content-type` and `content-length` are read; auth headers are for the adapter's `authorize`.
 */
export type ActkitRequestHeaders = Headers | Record<string, string | string[] | undefined>;

/** One HTTP request, as an adapter hands it to the handler. */
export interface ActkitRequest {
  /** HTTP method, any case. */
  method: string;
  /**
   * The path relative to where the app mounted the adapter, starting with `/`: `/character-performances`,
   * `/tasks`, `/tasks/<handle>`, `/tasks/<handle>/events`. A query string here is read when `query` is
   * absent (so an adapter may pass the request's path and query as one string).
   */
  path: string;
  /**
   * The query string (`limit=5&cursor=…`, with or without the leading `?`) or its parsed
   * `URLSearchParams`; read by `GET /tasks` only. Absent: the handler reads the query part of `path`.
   */
  query?: string | URLSearchParams;
  headers: ActkitRequestHeaders;
  /**
   * The request body, in whichever form the framework has it:
   * - raw bytes: a `Uint8Array` (Buffer), a `string`, or an `AsyncIterable<Uint8Array>` such as Node's
   *   `IncomingMessage` itself. The handler enforces `maxBodyBytes` (413) while reading and parses JSON.
   * - already parsed (any other value, e.g. `req.body` after `express.json()`): used as is; the size limit
   *   is then the framework body parser's own.
   * - `undefined`: no body.
   */
  body?: unknown;
  /** The framework's own request object, passed untouched to `authorize`. */
  raw?: unknown;
  /**
   * Aborts when the client goes away. For SSE the adapter MUST pass it (abort on the socket's `close`):
   * it ends the event stream and releases the watcher, so the shared upstream loop can stop.
   */
  signal?: AbortSignal;
}

/** Response headers: lower-case names; values are ready to send. */
export type ActkitResponseHeaders = Record<string, string>;

/** A JSON answer: a `{ task }` envelope, a `{ tasks, nextCursor? }` list, or an `application/problem+json` problem. */
export interface ActkitJsonResponse {
  status: number;
  /** Always carries `content-type` (application/json or application/problem+json); `retry-after` on 429/503. */
  headers: ActkitResponseHeaders;
  /** Serialise with `JSON.stringify`, or send `body` when present. Read-only: it may be shared. */
  json: unknown;
  /** `json` already serialised (the handler keeps it per task state): send it as is when present. */
  body?: string;
}

/** A Server-Sent Events answer (status 200). */
export interface ActkitEventStreamResponse {
  status: 200;
  /** text/event-stream, no-cache/no-transform, keep-alive and X-Accel-Buffering: no. */
  headers: ActkitResponseHeaders;
  /**
   * Ready-to-write SSE chunks (`data: …\n\n` events and `: heartbeat\n\n` comments). Write each one and
   * flush; end the response when the iterable finishes (terminal task state, or `signal` aborted).
   * Breaking out of a `for await` over it also releases the watcher.
   */
  events: AsyncIterable<string>;
}

export type ActkitResponse = ActkitJsonResponse | ActkitEventStreamResponse;

/** True when the response is an event stream (write `events`), false when it is JSON (send `json`). */
export function isEventStream(response: ActkitResponse): response is ActkitEventStreamResponse {
  return 'events' in response;
}

/**
 * Decides who is asking. Return the owner id (any stable string: a user id, an org id); `null`/`undefined`
 * answers 401. Throw an error with `status: 403` to answer 403 (any other thrown error answers 500 and is
 * reported to `onError`). Gets the adapter's `raw` request (Express `req`, Nest's request).
 */
export type Authorize = (raw: unknown) => string | null | undefined | Promise<string | null | undefined>;

/** Per-owner limits. Defaults are safe for a public app; raise them deliberately. */
export interface ActkitLimits {
  /** Tasks one owner may have running (not yet terminal) at once; default 3. */
  activeTasks?: number;
  /** Creates one owner may make per rolling minute; default 10. */
  createsPerMinute?: number;
  /**
   * Event streams (GET /tasks/{handle}/events) one owner may hold open at once; default 10. Each holds a
   * socket and a watcher; over the limit → 429 with Retry-After. A slot comes back when its stream ends
   * (terminal state, the client leaves, `close()`); counted in `store.counters`, so across instances too.
   */
  openStreams?: number;
}

/**
 * What the handler needs from a client: a structural subset of `createActkitClient(...)`'s result, so a
 * wrapped or instrumented client fits too.
 */
export interface ActkitServerClient {
  characterPerformance: {
    /**
     * Creates the task; `seed` is the seed sent (core's client reports it). When a wrapped client leaves it
     * out, the handler reports the seed of the body it passed (validation drew one when none was given).
     */
    create(
      input: CharacterPerformanceInput,
      options?: { signal?: AbortSignal; maxRetryWaitMs?: number },
    ): Promise<{ id: string; seed?: number }>;
  };
  /**
   * Derives a secret for `purpose` from the client's API key (see `ActkitClient.deriveSecret`). Optional for
   * a wrapped client; without it, pass `secret` to the handler.
   */
  deriveSecret?(purpose: string): Promise<Uint8Array>;
  tasks: {
    retrieve(id: string, options?: { signal?: AbortSignal }): Promise<Task>;
    watch(id: string, options?: { signal?: AbortSignal; pollIntervalMs?: number }): AsyncIterable<Task>;
  };
}

/**
 * What `onTaskSettled` receives when a task has ended (SUCCEEDED, FAILED or CANCELLED), watched or not.
 */
export interface TaskSettlement {
  /** The owner who started it (what `authorize` returned). */
  owner: string;
  /** The task's handle for that owner: the same string the create answered and GET /tasks lists. */
  handle: string;
  /**
   * The task as the client normalised it, with its provider id. On SUCCEEDED, `output` holds URLs that
   * expire 24-48 h after the task ended: copy the video now (`downloadOutput` from `@actkit/core/node`).
   * When the callback is repeated after a crash, the task is read again first, so the URLs are fresh.
   */
  task: TerminalTask;
  /**
   * Fixed per task: a repeated call (at-least-once, after a crash or a throwing callback) carries the same
   * one, so key your side effects by it (a file name, a database unique key, an idempotency key).
   */
  settlementId: string;
}

/** Bounds of the background follower that `onTaskSettled` turns on. */
export interface FollowTasksOptions {
  /** Most tasks followed (watched or being settled) at once by this instance; default 100. */
  maxTasks?: number;
  /** How often the ledger is scanned for unfinished or unsettled tasks, in ms; default 30_000. */
  scanIntervalMs?: number;
  /**
   * How long one instance holds the right to settle a task, in ms: a callback still running after it may
   * be started again elsewhere. Default 300_000 (5 minutes); make it longer than your slowest callback.
   */
  settlementLeaseMs?: number;
}

export interface ActkitHandlerOptions {
  /** A client from `createActkitClient`; the handler never builds one and never reads the key itself. */
  client: ActkitServerClient;
  /** Who is asking; see `Authorize`. Required: an adapter must never be an open, credit-burning proxy. */
  authorize: Authorize;
  /**
   * Signs task handles. Instances that share it honour each other's handles (no shared database needed).
   * Default: `await client.deriveSecret('actkit-task-handle')`, derived (HKDF) from the client's own API key,
   * however the key was given, so instances whose clients share a key agree and handles reveal nothing about
   * it. A client without `deriveSecret` needs an explicit secret (else `createActkitHandler` throws). An
   * explicit secret should be at least 32 random bytes; at least 16 are required. Changing it (or the key,
   * by default) voids every handle issued.
   */
  secret?: string | Uint8Array;
  /**
   * Per-owner limits; default `{ activeTasks: 3, createsPerMinute: 10, openStreams: 10 }`. On a shared store
   * give every instance the same: each instance admits against its own numbers, the store holds only the
   * counts.
   */
  limits?: ActkitLimits;
  /** Limit counters, the watcher registry and recent task states; default in-memory (one process). */
  store?: ActkitStore;
  /**
   * Largest create body accepted, in bytes; larger → 413, enforced while reading a raw body (nothing past it
   * is buffered). Default: derived from the spec's data: URI caps, two video data: URIs at 16 MB decoded,
   * base64, plus 1 MiB (45,787,824 today). The read routes take no body at all.
   */
  maxBodyBytes?: number;
  /**
   * Poll interval of the shared upstream loop behind event streams (passed to `client.tasks.watch`);
   * default: the client's own schedule (at once, 1 s, 2 s, then Runway's ~5 s cadence).
   */
  pollIntervalMs?: number;
  /** Interval of `: heartbeat` comments on idle event streams; default 15_000 ms. */
  heartbeatMs?: number;
  /**
   * How old a task state GET /tasks/{handle} may answer, in ms; default 1000. States come from one
   * upstream read shared by concurrent GETs, or from the SSE loop's polls; Runway updates a task about every
   * 5 s, so a browser misses nothing. FAILED and CANCELLED states never change and are kept whenever they
   * were read; a SUCCEEDED one is kept while its output URLs are fresh (see `outputUrlTtlMs`).
   * 0: every GET of an unfinished task reads upstream (concurrent ones still share one read).
   */
  maxStaleMs?: number;
  /**
   * How long output URLs that carry no expiry of their own may be handed out after they were read, in ms;
   * default 43_200_000 (12 h: Runway's links expire 24–48 h after the task ends). A link that carries one
   * (S3/GCS presigned `X-Amz-Date`+`X-Amz-Expires`, `Expires=`, Azure SAS `se`) is trusted up to a margin
   * before it (a fifth of its remaining life, at most 5 minutes). After that a GET of the task reads it
   * upstream again, which returns fresh links, and `GET /tasks` lists the task without `output` until
   * something reads it again (its handle's GET does).
   */
  outputUrlTtlMs?: number;
  /**
   * Bound of the handler's in-memory caches, each an LRU: recent task states (when `store` has no `tasks`
   * of its own) and opened handles (skipping the AES-GCM decrypt on repeated reads). Default 10_000.
   */
  maxCachedTasks?: number;
  /**
   * Called with unexpected errors (a throwing `authorize`, a bug: the browser sees a generic 500) and with
   * every error that carries the provider's answer (a rejected input, a rate limit, an upstream failure):
   * the provider's message is on the error (`message`, `body`; the key already scrubbed) and never in a
   * browser response, so this is where to log it.
   */
  onError?: (error: unknown) => void;
  /**
   * Called when a task reaches a terminal state, whether or not any browser is watching: the handler then
   * follows every unfinished task in the ledger itself (see `followTasks`). Once per task across all
   * instances sharing a store in normal operation; at-least-once with the same `settlementId` when a call
   * crashed or threw (it is made again at the next scan). A thrown error goes to `onError`.
   */
  onTaskSettled?: (settlement: TaskSettlement) => void | Promise<void>;
  /**
   * Bounds of the background follower (only with `onTaskSettled`). `false` turns it off: nothing is followed
   * in the background, and `onTaskSettled` is called only for tasks a read or a stream sees end.
   */
  followTasks?: FollowTasksOptions | false;
  /**
   * The longest a create request can take, in ms, retries included: a ledger record still CREATING after it
   * reads as UNKNOWN (its server stopped mid-create). Default 600_000 (10 minutes: the client's 60 s timeout
   * times its retries, with backoff); lower it with your client's `timeoutMs` and `maxRetries`. On a shared
   * store give every instance the same (one with a shorter one shows another's create in flight as UNKNOWN
   * and may free its active-task slot while it still runs).
   */
  maxCreateMs?: number;
  /**
   * The most a create may spend waiting between the client's retries (a provider `Retry-After`, backoff), in
   * ms, in total: the browser's request waits for it. Past it the browser gets the 429/503 problem with the
   * provider's wait as `Retry-After` at once. Default 5_000.
   */
  maxCreateRetryWaitMs?: number;
}

export interface ActkitHandler {
  /**
   * True when `path` (relative to the mount) is one of the contract's paths, whatever the method. An adapter
   * mounted where other routes live passes other paths on (Express `next()`) instead of answering 404.
   */
  owns(path: string): boolean;
  /** Answers one request. Never rejects: every failure becomes a problem response. */
  handle(request: ActkitRequest): Promise<ActkitResponse>;
  /**
   * The same answer as `handle`, returned as it is when it needs no wait: a GET of a task whose handle this
   * handler opened before and whose state it holds in memory (fresh per `maxStaleMs`, with the default
   * memory store), with a synchronous `authorize`. Anything else is a promise. For adapters whose framework
   * sends a synchronous answer sooner than a promised one (Fastify, Hono on Node). Never throws or rejects.
   */
  answer(request: ActkitRequest): Awaitable<ActkitResponse>;
  /**
   * Stops every upstream watch loop, the background follower and open event streams (server shutdown,
   * tests). An `onTaskSettled` call already running finishes on its own.
   */
  close(): Promise<void>;
}

/** A value, or a promise of it: what a step returns when it only sometimes has to wait. */
export type Awaitable<T> = T | Promise<T>;

/** True for a promise or any other thenable (what `await` would wait for). */
export const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
