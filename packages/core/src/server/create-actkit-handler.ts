// The framework-free handler: authorize → route → (validate → limits → create) | (open handle → read or
// stream). Adapters only translate requests and responses; see types.ts and README.md.
import { zHandle } from '../generated/actkit-server/zod.gen.js';
import { isTerminal, type Task } from '../task.js';
import { toBrowserTask } from './browser-task.js';
import { browserTaskStream } from './browser-task-stream.js';
import { resolveHandleSecret } from './handle-secret.js';
import { createMemoryStore } from './memory-store.js';
import { createOwnerLimits } from './owner-limits.js';
import { notFoundProblem, problemResponse, problemTypes, validationProblem } from './problem.js';
import { problemFromError } from './problem-from-error.js';
import { readJsonBody } from './read-json-body.js';
import { isContractPath, matchRoute } from './route.js';
import { createTaskHandleCodec } from './task-handle.js';
import type {
  ActkitHandler,
  ActkitHandlerOptions,
  ActkitJsonResponse,
  ActkitRequest,
  ActkitResponse,
} from './types.js';
import { validateBrowserInput } from './validate-browser-input.js';

const defaultMaxBodyBytes = 1_048_576;
const defaultHeartbeatMs = 15_000;

const taskResponse = (status: number, task: ReturnType<typeof toBrowserTask>): ActkitJsonResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  json: { task },
});

/** Builds the handler both server adapters map onto. Throws at once on a missing secret or client. */
export function createActkitHandler(options: ActkitHandlerOptions): ActkitHandler {
  if (!options.client) throw new TypeError('createActkitHandler: `client` is required');
  if (typeof options.authorize !== 'function')
    throw new TypeError('createActkitHandler: `authorize` is required');
  const { client, authorize } = options;
  const codec = createTaskHandleCodec(resolveHandleSecret(options.secret));
  const store = options.store ?? createMemoryStore();
  const limits = createOwnerLimits(options.limits, store.counters, client);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
  const closing = new AbortController();
  const reportError = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A failing reporter must not turn a problem response into a crash.
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

  const read = async (request: ActkitRequest, owner: string, handle: string, taskId: string) => {
    const task = await client.tasks.retrieve(taskId, { signal: request.signal });
    await observed(owner, taskId, task);
    return taskResponse(200, toBrowserTask(task, handle));
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
      client,
      taskId,
      handle,
      heartbeatMs,
      pollIntervalMs: options.pollIntervalMs,
      signals: request.signal ? [request.signal, closing.signal] : [closing.signal],
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
    // The contract's handle pattern (generated): anything else cannot be a handle we issued.
    const taskId = zHandle.safeParse(match.handle).success
      ? await codec.open(match.handle, owner)
      : undefined;
    if (taskId === undefined) return notFoundProblem();
    if (match.operation === 'getTask') return read(request, owner, match.handle, taskId);
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
      closing.abort();
      store.watchers.close();
    },
  };
}
