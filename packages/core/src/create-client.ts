// createActkitClient: wires openapi-fetch (typed requests from the generated `paths`) to our transport, and
// exposes the two resources. Adapters (Express, Nest, React) receive a built client; they never build one.
import createClient from 'openapi-fetch';
import { taskMayExist } from './ambiguous-create.js';
import { validateAssetMedia, validateAssetMediaBeside } from './asset-media.js';
import type { BackoffOptions } from './backoff.js';
import type { CharacterPerformanceInput } from './character-performance-input.js';
import { describeIdlessAnswer, readCreateAnswer } from './create-answer.js';
import { apiKeyEnvVar, defaultBaseUrl, defaultMaxRetries, defaultTimeoutMs } from './defaults.js';
import { deriveSecretFromKey } from './derive-secret.js';
import { ActkitError, ActkitValidationError, NotFoundError, UnexpectedResponseError } from './errors.js';
import { runwayVersionDefault } from './generated/cometapi-runway/defaults.gen.js';
import type { components, paths } from './generated/cometapi-runway/types.gen.js';
import { isTaskNotExist, providerError, requestIdOf } from './http-error.js';
import { type ActkitLogger, log } from './logger.js';
import { normalizeTask } from './normalize-task.js';
import { PlainRequest } from './outgoing-request.js';
import { PollScheduler } from './poll-scheduler.js';
import { scrubSecretDeep } from './redact.js';
import { serializeNoQuery, serializeSimplePath } from './request-serializers.js';
import type { SucceededTask, Task } from './task.js';
import { UnreadableTaskError } from './task-answer-errors.js';
import { createTransport } from './transport.js';
import { validateCharacterPerformanceInput } from './validate-input.js';
import type { WaitOptions } from './wait-for-task.js';
import { waitForTask } from './wait-for-task.js';
import type { WatchOptions } from './watch-task.js';
import { type RetrieveExtras, TaskPollLoop, watchTask } from './watch-task.js';

/** Options of `createActkitClient`. Every one is optional. */
export interface ActkitClientOptions {
  /** CometAPI key, sent as `Authorization: Bearer …`. Defaults to the `COMETAPI_KEY` environment variable. */
  apiKey?: string;
  /** API origin. Default `https://api.cometapi.com`; point it at the emulator in tests. */
  baseUrl?: string;
  /** The `X-Runway-Version` header. Defaults to the spec's default version. */
  runwayVersion?: string;
  /** A fetch implementation (e.g. for proxies or instrumentation). Defaults to `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout in ms (each call can override it). Default 60 000. */
  timeoutMs?: number;
  /** Retries per request for transient failures (see README: creates retry only when no task can exist). Default 3. */
  maxRetries?: number;
  /** Backoff tuning: `{ baseMs = 500, maxMs = 20 000, maxRetryAfterMs = 60 000 }`. */
  backoff?: BackoffOptions;
  /** Receives debug/warn/error lines with redacted headers. A console-like object or `(level, msg, meta) => …`. */
  logger?: ActkitLogger;
}

/** Per-call options of a single request. */
export interface RequestOptions {
  /** Aborts the request at once with ActkitAbortError. */
  signal?: AbortSignal;
  /** Timeout of this request in ms, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
  /**
   * The most this call may spend waiting between retries, in ms, in total. When the next wait (the
   * provider's `Retry-After`, or the backoff) would go past it, the last error is thrown at once, carrying the
   * provider's wait as `retryAfterMs` when it gave one. Default: no bound but `maxRetries` and
   * `backoff.maxRetryAfterMs`. A server answering a browser sets one (the handler: 5 s).
   */
  maxRetryWaitMs?: number;
}

/**
 * The create answer: the task id, the cost when the provider reports it, and the `seed` that was sent (the
 * one given, or the random one drawn when none was: pass it again with the same inputs to reproduce).
 */
export type CreatedTask = components['schemas']['CreateTaskResponse'] & { seed: number };

/**
 * What `characterPerformance.run` resolves with: the SUCCEEDED task plus the `seed` its create sent (the one
 * given, or the random one drawn): with the same inputs it reproduces the result.
 */
export type RunResult = SucceededTask & { seed: number };

/** Options of `characterPerformance.run`: create-request options plus the wait options. */
export interface RunOptions extends WaitOptions {
  /** Called with the created task's id before waiting starts (log it: it lets you find the task later). */
  onCreated?: (created: CreatedTask) => void;
}

/** The client. */
export interface ActkitClient {
  characterPerformance: {
    /**
     * Validates `input` (on Node also the container of video data: URIs: a reference clip outside 3–30 s is
     * an ActkitValidationError naming `reference.uri`), fills the spec's defaults (a random `seed` when none
     * is given), creates the task once. Resolves with `{ id, seed, estimatedCost? }`; nothing is sent for
     * invalid input.
     */
    create(input: CharacterPerformanceInput, options?: RequestOptions): Promise<CreatedTask>;
    /**
     * create + wait. Resolves with the SUCCEEDED task and the `seed` sent (output URLs expire: download
     * promptly). Throws what `create` and `tasks.wait` throw.
     */
    run(input: CharacterPerformanceInput, options?: RunOptions): Promise<RunResult>;
  };
  /**
   * A secret derived from this client's API key for `purpose` (HKDF-SHA256 via Web Crypto; 32 bytes). Clients
   * with the same key derive the same bytes for the same purpose, different purposes give unrelated bytes,
   * and the key cannot be recovered from them; the key itself is never exposed. `@actkit/core/server` signs
   * task handles with `deriveSecret('actkit-task-handle')` when it is given no `secret`. Rejects with a
   * TypeError on an empty `purpose`.
   */
  deriveSecret(purpose: string): Promise<Uint8Array>;
  tasks: {
    /**
     * One GET, normalised whatever shape the provider answered. Besides the HTTP errors (each with
     * `taskId`), throws `UnreadableTaskError` for a 200 that cannot be read as this task (`null`, `{}`,
     * another task's body, a gateway error inside a 200), `UnknownTaskStatusError` for a status word the
     * client does not know and `TaskOutputMissingError` for a SUCCEEDED without an output URL (`watch`/`wait`
     * poll on instead of all three).
     */
    retrieve(id: string, options?: RequestOptions): Promise<Task>;
    /** Yields every change (status or progress) until a final state. */
    watch(id: string, options?: WatchOptions): AsyncGenerator<Task, void, undefined>;
    /** Resolves with the SUCCEEDED task, or throws TaskFailedError / TaskTimeoutError / ActkitAbortError. */
    wait(id: string, options?: WaitOptions): Promise<SucceededTask>;
  };
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/** Builds a client. Throws ActkitError at once when no API key is given or set in COMETAPI_KEY. */
export function createActkitClient(options: ActkitClientOptions = {}): ActkitClient {
  const apiKey = options.apiKey ?? env(apiKeyEnvVar);
  if (!apiKey) {
    throw new ActkitError(
      `No CometAPI key: pass createActkitClient({ apiKey }) or set the ${apiKeyEnvVar} environment variable`,
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ActkitError('No fetch available: pass createActkitClient({ fetch })');
  }
  const runwayVersion = options.runwayVersion ?? runwayVersionDefault;
  const transport = createTransport({
    fetch: fetchImpl.bind(globalThis),
    apiKey,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    maxRetries: options.maxRetries ?? defaultMaxRetries,
    backoff: options.backoff ?? {},
    logger: options.logger,
  });
  const api = createClient<paths>({
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    redirect: 'manual',
    // The transport needs no WHATWG Request (see outgoing-request.ts); openapi-fetch supports a custom class.
    Request: PlainRequest as unknown as typeof Request,
    // Cheaper than openapi-fetch's generic defaults for what these routes use (see request-serializers.ts).
    querySerializer: serializeNoQuery,
    pathSerializer: serializeSimplePath,
  });

  async function create(input: CharacterPerformanceInput, call: RequestOptions = {}): Promise<CreatedTask> {
    const checked = validateCharacterPerformanceInput(input);
    // Every problem at once: the clips of the asset fields that passed their own checks are read too, so a
    // 2 s clip is not reported only on the next attempt (a field already in error is not read).
    if (!checked.ok) {
      const beside = await validateAssetMediaBeside(input, checked.issues);
      throw new ActkitValidationError([...checked.issues, ...beside]);
    }
    // Video data: URIs: the container is read on Node (lazily loaded parser); see asset-media.ts.
    const mediaIssues = await validateAssetMedia(input);
    if (mediaIssues.length > 0) throw new ActkitValidationError(mediaIssues);
    const what = 'Create character performance';
    const sentAt = Date.now();
    const { data, response } = await api.POST('/runwayml/v1/character_performance', {
      body: checked.value,
      params: { header: { 'X-Runway-Version': runwayVersion } },
      fetch: (request) =>
        transport.send(request as unknown as PlainRequest, { kind: 'create', what, ...call }),
    });
    const { seed } = checked.value;
    const answer = readCreateAnswer(data);
    if (answer) return answer.estimatedCost ? { ...answer, seed } : { id: answer.id, seed };
    // A 2xx that names no task: the paid request was taken and nothing says what became of it. Ambiguous,
    // like a lost answer: not an error that invites creating the task again.
    // A 2xx body is not scrubbed on the way in (the transport only scrubs failures): do it here, where its
    // words enter an error.
    const body = scrubSecretDeep(data, apiKey);
    const unexpected = new UnexpectedResponseError(
      `${what}: HTTP ${response.status} without a task id (${describeIdlessAnswer(body)})`,
      { status: response.status, requestId: requestIdOf(response.headers), body },
    );
    log(options.logger, 'error', `${what}: ambiguous answer, not retried (paid action)`, {
      reason: unexpected.message,
    });
    throw taskMayExist(unexpected, 'accepted', checked.value, sentAt);
  }

  // `fallbackCreatedAt` is the polling loop's (see RetrieveTask); a caller's retrieve never passes it.
  async function retrieve(id: string, call: RequestOptions & RetrieveExtras = {}): Promise<Task> {
    if (typeof id !== 'string' || !id) {
      throw new ActkitValidationError([{ path: 'id', message: 'must be a non-empty task id' }]);
    }
    const what = `Get task ${id}`;
    const { signal, timeoutMs, fallbackCreatedAt } = call;
    const { data } = await api.GET('/runwayml/v1/tasks/{id}', {
      params: { path: { id }, header: { 'X-Runway-Version': runwayVersion } },
      fetch: (request) =>
        transport.send(request as unknown as PlainRequest, {
          kind: 'read',
          what,
          signal,
          timeoutMs,
          taskId: id,
        }),
    });
    // Some gateways answer 200 with the task_not_exist body.
    if (isTaskNotExist(data)) {
      throw new NotFoundError(`${what}: ${providerError(data).message ?? 'task_not_exist'}`, {
        code: 'task_not_exist',
        body: data,
        taskId: id,
      });
    }
    const normalizeOptions = { fallbackCreatedAt, requestedId: id };
    try {
      return normalizeTask(data, normalizeOptions);
    } catch (error) {
      // Its message quotes the gateway's words, and a 2xx body is not scrubbed on the way in: normalise a
      // copy without the key, which throws the same error in words that cannot carry the key.
      if (error instanceof UnreadableTaskError)
        normalizeTask(scrubSecretDeep(data, apiKey), normalizeOptions);
      throw error;
    }
  }

  // One timer heap for every watch/wait of this client: a sleeping watch is an entry, not a setTimeout.
  const scheduler = new PollScheduler();
  const loop = (id: string, loopOptions: WatchOptions) =>
    new TaskPollLoop(retrieve, scheduler, id, loopOptions, options.logger);
  const watch = (id: string, watchOptions: WatchOptions = {}) => watchTask(loop(id, watchOptions));
  const wait = (id: string, waitOptions: WaitOptions = {}) =>
    waitForTask(loop(id, waitOptions), waitOptions.onProgress);

  return {
    characterPerformance: {
      create,
      async run(input, runOptions = {}) {
        const created = await create(input, {
          signal: runOptions.signal,
          timeoutMs: runOptions.requestTimeoutMs,
        });
        runOptions.onCreated?.(created);
        const task = await wait(created.id, runOptions);
        return { ...task, seed: created.seed };
      },
    },
    deriveSecret: (purpose) => deriveSecretFromKey(apiKey, purpose),
    tasks: { retrieve, watch, wait },
  };
}
