// The framework-free handler: authorize → route → (validate → limits → ledger → create) | list the owner's
// ledger | (open handle → read or stream). Adapters only translate requests and responses; see types.ts and
// README.md. Reads are cheap on purpose: opened handles and recent task states are cached, the owner is
// checked on every request, and a repeated GET is answered without one await (`answer`, `readHeld`). The
// ledger flow lives in start-task.ts, list-tasks.ts, ledger-sync.ts and task-follower.ts; store failures
// become 503 (store-unavailable.ts).
import { zHandle } from '../generated/actkit-server/zod.gen.js';
import { validateAssetMedia, validateAssetMediaBeside } from '../index.js';
import type { Task } from '../task.js';
import { createEndedAttemptFinder } from './active-task-healing.js';
import { attemptEvents, resolveTarget } from './attempt-target.js';
import { browserTaskStream } from './browser-task-stream.js';
import { defaultCreateBodyLimitBytes } from './create-body-limit.js';
import { resolveHandleSecret } from './handle-secret.js';
import { type CreatedTaskRef, createLedgerSync } from './ledger-sync.js';
import { isNoNews, lastKnownTask, recordToBrowserTask } from './ledger-view.js';
import { createListCursorCodec } from './list-cursor.js';
import { createListTasks } from './list-tasks.js';
import { createMemoryStore } from './memory-store.js';
import { createMemoryTaskStateStore, defaultMaxCachedTasks } from './memory-task-state-store.js';
import { createOpenedHandleCache } from './opened-handle-cache.js';
import { createOutputFreshness, defaultOutputUrlTtlMs } from './output-freshness.js';
import { activeRetryAfterMs, createOwnerLimits, defaultLimits } from './owner-limits.js';
import { notFoundProblem, problemResponse, problemTypes, validationProblem } from './problem.js';
import { problemFromError, shouldReport } from './problem-from-error.js';
import { readJsonBody } from './read-json-body.js';
import { isContractPath, matchRoute, type OperationRoute } from './route.js';
import { createShutdown } from './shutdown.js';
import { createStartTask } from './start-task.js';
import type { TaskPoller } from './store.js';
import { guardStore, isStoreUnavailable, storeUnavailableProblem } from './store-unavailable.js';
import { createStreamSlots, holdingSlot } from './stream-slots.js';
import { createTaskFollower } from './task-follower.js';
import { createTaskHandleCodec } from './task-handle.js';
import { createTaskReadCache, defaultMaxStaleMs } from './task-read-cache.js';
import { createTaskResponseBodies } from './task-response-body.js';
import type {
  ActkitHandler,
  ActkitHandlerOptions,
  ActkitJsonResponse,
  ActkitRequest,
  ActkitResponse,
  Awaitable,
} from './types.js';
import { isPromiseLike } from './types.js';
import { validateBrowserInput } from './validate-browser-input.js';

const defaultHeartbeatMs = 15_000;
/** See `maxCreateMs`: the client's default 60 s timeout times its tries, with backoff, and a margin. */
const defaultMaxCreateMs = 600_000;
/** See `maxCreateRetryWaitMs`: a browser's create should not hang on the provider's waits. */
const defaultMaxCreateRetryWaitMs = 5_000;

const taskHeaders = () => ({ 'content-type': 'application/json', 'cache-control': 'no-store' });
const streamHeaders = () => ({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
});
/** The query part of a path (adapters may pass path and query as one string). */
const queryOf = (path: string) => {
  const at = path.indexOf('?');
  return at < 0 ? undefined : path.slice(at + 1);
};

/**
 * Builds the handler both server adapters map onto. Synchronous; throws a TypeError at once without a
 * `client` or `authorize`, or without a `secret` when the client cannot derive one (`deriveSecret`).
 */
export function createActkitHandler(options: ActkitHandlerOptions): ActkitHandler {
  if (!options.client) throw new TypeError('createActkitHandler: `client` is required');
  if (typeof options.authorize !== 'function')
    throw new TypeError('createActkitHandler: `authorize` is required');
  const { client, authorize } = options;
  const maxCachedTasks = options.maxCachedTasks ?? defaultMaxCachedTasks;
  const secret = resolveHandleSecret(options.secret, client);
  const codec = createTaskHandleCodec(secret);
  // The contract's handle pattern (generated) first: anything else cannot be a handle we issued.
  const openHandle = createOpenedHandleCache(
    async (handle, owner) => (zHandle.safeParse(handle).success ? codec.open(handle, owner) : undefined),
    maxCachedTasks,
  );
  const store = guardStore(options.store ?? createMemoryStore({ maxTaskStates: maxCachedTasks }));
  const limitSettings = { ...defaultLimits, ...options.limits };
  const maxCreateMs = options.maxCreateMs ?? defaultMaxCreateMs;
  const maxBodyBytes = options.maxBodyBytes ?? defaultCreateBodyLimitBytes;
  const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
  const shutdown = createShutdown();
  const reportError = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A failing reporter must not turn a problem response into a crash.
    }
  };
  const takeStreamSlot = createStreamSlots({
    counters: store.counters,
    limit: limitSettings.openStreams,
    heartbeatMs,
    onError: reportError,
  });
  const maxStaleMs = options.maxStaleMs ?? defaultMaxStaleMs;
  const outputsFreshUntil = createOutputFreshness({
    outputUrlTtlMs: options.outputUrlTtlMs ?? defaultOutputUrlTtlMs,
    floorMs: maxStaleMs,
  });
  const reads = createTaskReadCache({
    states: store.tasks ?? createMemoryTaskStateStore({ maxEntries: maxCachedTasks }),
    retrieve: (taskId) => client.tasks.retrieve(taskId),
    maxStaleMs,
    outputsFreshUntil,
    onError: reportError,
  });
  const responseBody = createTaskResponseBodies();
  const { pollIntervalMs } = options;
  /** The shared SSE loop of one task; every state it reads also serves GETs meanwhile. */
  const poll: TaskPoller = async function* (taskId, signal) {
    for await (const task of client.tasks.watch(
      taskId,
      pollIntervalMs === undefined ? { signal } : { signal, pollIntervalMs },
    )) {
      await reads.remember(taskId, task);
      yield task;
    }
  };

  // The ledger: every state seen is written to the task's record (sync), the active-task slots are healed
  // from it (limits), and with `onTaskSettled` a background follower settles every task (follower).
  const follower = options.onTaskSettled
    ? createTaskFollower({
        ledger: store.ledger,
        watchers: store.watchers,
        poll,
        client,
        codec,
        onTaskSettled: options.onTaskSettled,
        follow: options.followTasks,
        onError: reportError,
      })
    : undefined;
  const sync = createLedgerSync({
    ledger: store.ledger,
    limits: { release: (owner, recordId) => limits.release(owner, recordId) },
    onTerminal: follower?.settle,
    onError: reportError,
    maxEntries: maxCachedTasks,
  });
  follower?.attach(sync);
  const limits = createOwnerLimits(
    limitSettings,
    store.counters,
    createEndedAttemptFinder(store.ledger, reads, sync, maxCreateMs),
  );
  const startTask = createStartTask({
    client,
    maxRetryWaitMs: options.maxCreateRetryWaitMs ?? defaultMaxCreateRetryWaitMs,
    ledger: store.ledger,
    limits,
    codec,
    settles: options.onTaskSettled !== undefined,
    onCreated: follower?.track,
    onError: reportError,
  });
  const listTasks = createListTasks({
    ledger: store.ledger,
    codec,
    cursors: createListCursorCodec(secret),
    maxCreateMs,
    outputsFreshUntil,
  });

  const start = async (request: ActkitRequest, owner: string): Promise<ActkitResponse> => {
    const body = await readJsonBody(request, maxBodyBytes);
    if (!body.ok) return body.response;
    const input = validateBrowserInput(body.value);
    if (!input.ok) {
      // Every problem at once: the clips of the asset fields that passed their own checks are read too
      // (not those of a body with forbidden keys, which core never sees; see validate-browser-input.ts).
      const beside = input.forbidden ? [] : await validateAssetMediaBeside(body.value, input.issues);
      return validationProblem([...input.issues, ...beside]);
    }
    // Video data: URIs: the container (length, codec) is read on Node before the create counts against the
    // owner's limits; the client's create then skips the same clip (see asset-media.ts).
    const media = await validateAssetMedia(input.value);
    if (media.length > 0) return validationProblem(media);
    return startTask(owner, input.value);
  };

  const read = async (owner: string, handle: string, ref: CreatedTaskRef): Promise<ActkitJsonResponse> => {
    let task: Task;
    try {
      task = await reads.read(ref.taskId);
    } catch (error) {
      if (!isNoNews(error)) throw error;
      // The provider answered something that says nothing new (a status word nobody knows, a SUCCEEDED
      // without its output, a body that is not this task): the event stream keeps waiting through it, so a
      // read answers the last state known instead of a 502.
      reportError(error);
      const known = await lastKnownTask(store.ledger, ref, handle, maxCreateMs);
      return { status: 200, headers: taskHeaders(), json: { task: known } };
    }
    await sync.observe(owner, ref, task);
    const { json, body } = responseBody(task, handle);
    return { status: 200, headers: taskHeaders(), json, body };
  };

  const stream = async (
    request: ActkitRequest,
    owner: string,
    handle: string,
    ref: CreatedTaskRef,
  ): Promise<ActkitResponse> => {
    const slot = await takeStreamSlot(owner);
    if (!slot) {
      return problemResponse(
        429,
        `At most ${limitSettings.openStreams} event streams may be open at once; close one (another tab) or read the task instead.`,
        { type: problemTypes.rateLimited, retryAfterSeconds: activeRetryAfterMs / 1000 },
      );
    }
    const { signal } = request;
    const events = browserTaskStream({
      watchers: store.watchers,
      poll,
      taskId: ref.taskId,
      handle,
      heartbeatMs,
      signal,
      shutdown,
      onTask: (task) => sync.observe(owner, ref, task),
      onError: reportError,
    });
    return {
      status: 200,
      headers: streamHeaders(),
      events: holdingSlot(events, slot, signal, shutdown),
    };
  };

  const refused = (error: unknown): ActkitJsonResponse => {
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 403) return problemResponse(403, 'Not allowed.');
    if (status === 401) return problemResponse(401, 'Sign in first.');
    reportError(error);
    return problemResponse(500, 'Something went wrong.');
  };
  const ownerOrProblem = (owner: unknown): string | ActkitJsonResponse => {
    if (owner === null || owner === undefined || owner === '') return problemResponse(401, 'Sign in first.');
    if (typeof owner !== 'string') {
      reportError(new TypeError('authorize must return a string owner id'));
      return problemResponse(500, 'Something went wrong.');
    }
    return owner;
  };
  /** The owner id, or the 401/403/500 problem to answer; a promise only when `authorize` returned one. */
  const identify = (request: ActkitRequest): Awaitable<string | ActkitJsonResponse> => {
    let owner: unknown;
    try {
      owner = authorize(request.raw);
    } catch (error) {
      return refused(error);
    }
    return isPromiseLike(owner)
      ? Promise.resolve(owner).then(ownerOrProblem, refused)
      : ownerOrProblem(owner);
  };

  /**
   * GET /tasks/{handle} from what this process holds, without one await: the handle opened before for this
   * owner, a state fresh enough to answer (see `reads.peek`) and already written to the ledger, its body
   * serialised. Undefined when any of it is missing; `serve` then answers the same the whole way.
   */
  const readHeld = (owner: string, handle: string): ActkitJsonResponse | undefined => {
    const ref = openHandle.known(handle, owner);
    if (ref?.taskId === undefined) return undefined;
    const task = reads.peek(ref.taskId);
    if (task === undefined || !sync.isRecorded(ref.recordId, task)) return undefined;
    const { json, body } = responseBody(task, handle);
    return { status: 200, headers: taskHeaders(), json, body };
  };

  /** The contract's operations after routing and `authorize`. */
  const serve = async (
    request: ActkitRequest,
    match: OperationRoute,
    owner: string,
  ): Promise<ActkitResponse> => {
    if (match.operation === 'startCharacterPerformance') return start(request, owner);
    if (match.operation === 'listTasks') return listTasks(owner, request.query ?? queryOf(request.path));
    // Forged, altered, another owner's or a raw provider id: undefined, so 404, on every request.
    const opened = await openHandle(match.handle, owner);
    const target = opened && (await resolveTarget(store.ledger, opened, owner));
    if (!target) return notFoundProblem();
    if ('record' in target) {
      // An attempt with no provider task (CREATING, or UNKNOWN): its record is all there is to say.
      if (match.operation === 'getTask') {
        const task = recordToBrowserTask(target.record, match.handle, Date.now(), maxCreateMs);
        return { status: 200, headers: taskHeaders(), json: { task } };
      }
      return {
        status: 200,
        headers: streamHeaders(),
        events: attemptEvents(target.record, match.handle, maxCreateMs),
      };
    }
    if (match.operation === 'getTask') return read(owner, match.handle, target.ref);
    return stream(request, owner, match.handle, target.ref);
  };

  const serveOwner = (
    request: ActkitRequest,
    match: OperationRoute,
    owner: string | ActkitJsonResponse,
  ): Awaitable<ActkitResponse> => {
    if (typeof owner !== 'string') return owner;
    return (match.operation === 'getTask' && readHeld(owner, match.handle)) || serve(request, match, owner);
  };

  const route = (request: ActkitRequest): Awaitable<ActkitResponse> => {
    const match = matchRoute(request.method, request.path);
    if (match.operation === 'notFound') return problemResponse(404, 'No such route.');
    if (match.operation === 'methodNotAllowed') {
      return problemResponse(405, `Use ${match.allow}.`, { headers: { allow: match.allow } });
    }
    const owner = identify(request);
    return isPromiseLike(owner)
      ? owner.then((known) => serveOwner(request, match, known))
      : serveOwner(request, match, owner);
  };

  /** Any failure as the problem to answer (store outages as 503, see store-unavailable.ts). */
  const failed = (request: ActkitRequest, error: unknown): ActkitJsonResponse => {
    if (isStoreUnavailable(error)) {
      reportError(error);
      return storeUnavailableProblem(request.method.toUpperCase() === 'POST' ? 'create' : 'read');
    }
    const problem = problemFromError(error);
    if (shouldReport(error, problem)) reportError(error);
    return problem;
  };

  const answer = (request: ActkitRequest): Awaitable<ActkitResponse> => {
    let response: Awaitable<ActkitResponse>;
    try {
      response = route(request);
    } catch (error) {
      return failed(request, error);
    }
    return isPromiseLike(response) ? response.then(undefined, (error) => failed(request, error)) : response;
  };

  return {
    owns: isContractPath,
    answer,
    handle: (request) => Promise.resolve(answer(request)),
    async close() {
      follower?.close();
      shutdown.close();
      store.watchers.close();
    },
  };
}
