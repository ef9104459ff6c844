// A store that cannot answer (Redis down, a database timeout) must never turn into a paid create without a
// ledger record, nor into a generic 500. Every store method the handler calls goes through `guardStore`,
// which marks its failures; the handler answers them with 503 problem+json and Retry-After. Reads that can
// be answered without the store (a handle with a provider task id: its state, its event stream) are: their
// store calls are best-effort there and failures go to `onError`.
import { problemResponse } from './problem.js';
import type { ActkitStore } from './store.js';
import { type ActkitJsonResponse, isPromiseLike } from './types.js';

/** Problem type of the 503 answered when the store fails. */
const storeUnavailableProblemType = 'https://actkit.dev/problems/store-unavailable';

/** How long to suggest waiting when the store fails, in seconds. */
const retryAfterSeconds = 5;

/** A store method failed; `cause` is what it threw (for the server's logs, never the browser). */
class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(cause: unknown) {
    super('The actkit store did not answer', { cause });
  }
}

export const isStoreUnavailable = (error: unknown): error is StoreUnavailableError =>
  (error as { name?: unknown } | null)?.name === 'StoreUnavailableError';

/** What the 503 says, by what the request wanted: a create (nothing was started) or a read. */
const details = {
  create: 'The server cannot reach its task records right now; nothing was started. Try again shortly.',
  read: 'The server cannot reach its task records right now, and this answer needs them. Try again shortly.',
} as const;

/**
 * 503 with Retry-After: for a `create`, nothing was started; for a `read` (the owner's list, an attempt
 * with no provider task yet), the answer needs the store. Try again in a few seconds.
 */
export function storeUnavailableProblem(request: keyof typeof details): ActkitJsonResponse {
  return problemResponse(503, details[request], {
    type: storeUnavailableProblemType,
    retryAfterSeconds,
  });
}

const mark = (error: unknown) => (isStoreUnavailable(error) ? error : new StoreUnavailableError(error));

/**
 * `part` with every method's failure (a throw, or a rejected promise) marked. A Proxy, so methods on a
 * class's prototype and methods added later are covered too; sync results (`tasks.size()`) stay sync.
 */
function guardMethods<T extends object>(part: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(part, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let guarded = wrapped.get(property);
      if (guarded === undefined) {
        guarded = (...args: unknown[]) => {
          let result: unknown;
          try {
            result = value.apply(target, args);
          } catch (error) {
            throw mark(error);
          }
          return isPromiseLike(result)
            ? Promise.resolve(result).catch((error) => Promise.reject(mark(error)))
            : result;
        };
        wrapped.set(property, guarded);
      }
      return guarded;
    },
  });
}

/** `store` with every method of its counters, ledger and task states marking its failures. */
export function guardStore(store: ActkitStore): ActkitStore {
  return {
    counters: guardMethods(store.counters),
    ledger: guardMethods(store.ledger),
    watchers: store.watchers,
    ...(store.tasks ? { tasks: guardMethods(store.tasks) } : {}),
  };
}
