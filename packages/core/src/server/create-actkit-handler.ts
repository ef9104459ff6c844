// The framework-free handler: authorize → route → (validate → limits → create) | (open handle → read or
// stream). Adapters only translate requests and responses; see types.ts and README.md. Reads are cheap on
// purpose: opened handles and recent task states are cached, the owner is checked on every request.
import { zHandle } from '../generated/actkit-server/zod.gen.js';
import { isTerminal, validateAssetMedia } from '../index.js';
import type { Task } from '../task.js';
import type { toBrowserTask } from './browser-task.js';
import { browserTaskStream } from './browser-task-stream.js';
import { defaultCreateBodyLimitBytes } from './create-body-limit.js';
import { resolveHandleSecret } from './handle-secret.js';
import { createMemoryStore } from './memory-store.js';
import { createMemoryTaskStateStore, defaultMaxCachedTasks } from './memory-task-state-store.js';
import { createOpenedHandleCache } from './opened-handle-cache.js';
import { createOwnerLimits } from './owner-limits.js';
import { notFoundProblem, problemResponse, problemTypes, validationProblem } from './problem.js';
import { problemFromError } from './problem-from-error.js';
import { readJsonBody } from './read-json-body.js';
import { isContractPath, matchRoute } from './route.js';
import { createShutdown } from './shutdown.js';
import type { TaskPoller } from './store.js';
import { createTaskHandleCodec } from './task-handle.js';
import { createTaskReadCache, defaultMaxStaleMs } from './task-read-cache.js';
import { createTaskResponseBodies } from './task-response-body.js';
import type {
  ActkitHandler,
  ActkitHandlerOptions,
  ActkitJsonResponse,
  ActkitRequest,
  ActkitResponse,
} from './types.js';
import { validateBrowserInput } from './validate-browser-input.js';

const defaultHeartbeatMs = 15_000;

const taskHeaders = () => ({ 'content-type': 'application/json', 'cache-control': 'no-store' });

const taskResponse = (status: number, task: ReturnType<typeof toBrowserTask>): ActkitJsonResponse => ({
  status,
  headers: taskHeaders(),
  json: { task },
});

/** Builds the handler both server adapters map onto. Throws at once on a missing secret or client. */
export function createActkitHandler(options: ActkitHandlerOptions): ActkitHandler {
  if (!options.client) throw new TypeError('createActkitHandler: `client` is required');
  if (typeof options.authorize !== 'function')
    throw new TypeError('createActkitHandler: `authorize` is required');
  const { client, authorize } = options;
  const maxCachedTasks = options.maxCachedTasks ?? defaultMaxCachedTasks;
  const codec = createTaskHandleCodec(resolveHandleSecret(options.secret));
  // The contract's handle pattern (generated) first: anything else cannot be a handle we issued.
  const openHandle = createOpenedHandleCache(
    async (handle, owner) => (zHandle.safeParse(handle).success ? codec.open(handle, owner) : undefined),
    maxCachedTasks,
  );
  const store = options.store ?? createMemoryStore({ maxTaskStates: maxCachedTasks });
  const limits = createOwnerLimits(options.limits, store.counters, client);
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
  const reads = createTaskReadCache({
    states: store.tasks ?? createMemoryTaskStateStore({ maxEntries: maxCachedTasks }),
    retrieve: (taskId) => client.tasks.retrieve(taskId),
    maxStaleMs: options.maxStaleMs ?? defaultMaxStaleMs,
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

  /** Remembers terminal states so the owner's active-task count drops as soon as anyone sees one. */
  const observed = async (owner: string, taskId: string, task: Task) => {
    if (isTerminal(task)) await limits.taskEnded(owner, taskId);
  };

  const start = async (request: ActkitRequest, owner: string): Promise<ActkitResponse> => {
    const body = await readJsonBody(request, maxBodyBytes);
    if (!body.ok) return body.response;
    const input = validateBrowserInput(body.value);
    if (!input.ok) return validationProblem(input.issues);
    // Video data: URIs: the container (length, codec) is read on Node before the create counts against the
    // owner's limits; the client's create then skips the same clip (see asset-media.ts).
    const media = await validateAssetMedia(input.value);
    if (media.length > 0) return validationProblem(media);
    const decision = await limits.beforeCreate(owner, request.signal);
    if (!decision.allowed) {
      return problemResponse(429, decision.reason, {
        type: problemTypes.rateLimited,
        retryAfterSeconds: decision.retryAfterMs / 1000,
      });
    }
    const { id } = await client.characterPerformance.create(input.value, { signal: request.signal });
    await limits.taskStarted(owner, id);
    const handle = await codec.seal(id, owner);
    const now = new Date().toISOString();
    // The contract answers the first state; retrieving it here would cost a GET per create and can meet the
    // provider's brief task_not_exist window, so a created task starts as PENDING at progress 0.
    return taskResponse(202, { handle, status: 'PENDING', progress: 0, createdAt: now });
  };

  const read = async (owner: string, handle: string, taskId: string): Promise<ActkitJsonResponse> => {
    const task = await reads.read(taskId);
    await observed(owner, taskId, task);
    const { json, body } = responseBody(task, handle);
    return { status: 200, headers: taskHeaders(), json, body };
  };

  const stream = (request: ActkitRequest, owner: string, handle: string, taskId: string): ActkitResponse => ({
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
    events: browserTaskStream({
      watchers: store.watchers,
      poll,
      taskId,
      handle,
      heartbeatMs,
      signal: request.signal,
      shutdown,
      onTask: (task) => observed(owner, taskId, task),
      onError: reportError,
    }),
  });

  /** The owner id, or the 401/403/500 problem to answer. */
  const identify = async (request: ActkitRequest): Promise<string | ActkitJsonResponse> => {
    let owner: unknown;
    try {
      owner = await authorize(request.raw);
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status;
      if (status === 403) return problemResponse(403, 'Not allowed.');
      if (status === 401) return problemResponse(401, 'Sign in first.');
      reportError(error);
      return problemResponse(500, 'Something went wrong.');
    }
    if (owner === null || owner === undefined || owner === '') return problemResponse(401, 'Sign in first.');
    if (typeof owner !== 'string') {
      reportError(new TypeError('authorize must return a string owner id'));
      return problemResponse(500, 'Something went wrong.');
    }
    return owner;
  };

  const route = async (request: ActkitRequest): Promise<ActkitResponse> => {
    const match = matchRoute(request.method, request.path);
    if (match.operation === 'notFound') return problemResponse(404, 'No such route.');
    if (match.operation === 'methodNotAllowed') {
      return problemResponse(405, `Use ${match.allow}.`, { headers: { allow: match.allow } });
    }
    const owner = await identify(request);
    if (typeof owner !== 'string') return owner;
    if (match.operation === 'startCharacterPerformance') return start(request, owner);
    // Forged, altered, another owner's or a raw provider id: undefined, so 404, on every request.
    const taskId = await openHandle(match.handle, owner);
    if (taskId === undefined) return notFoundProblem();
    if (match.operation === 'getTask') return read(owner, match.handle, taskId);
    return stream(request, owner, match.handle, taskId);
  };

  return {
    owns: isContractPath,
    async handle(request) {
      try {
        return await route(request);
      } catch (error) {
        const problem = problemFromError(error);
        if (problem.status >= 500) reportError(error);
        return problem;
      }
    },
    async close() {
      shutdown.close();
      store.watchers.close();
    },
  };
}
