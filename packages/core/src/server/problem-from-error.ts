// Maps any error (usually one @actkit/core threw while talking to the provider) to a problem a browser may
// see. Upstream failures are the server's problem, not the browser's: 502/503, never the provider's own
// message. A provider's text can name internal hosts and buckets, echo a credential or the provider's host,
// so NO part of it reaches `detail` or `errors[]`: the browser gets actkit's own words (the message table)
// and, when the provider named a field the spec knows, that field's path. The text stays on the error for
// `onError` and the logs (the client already scrubbed the key from it). Errors are recognised by `name`,
// not `instanceof`: an app that loads the client through `import` and an adapter through `require` (or the
// other way round) holds two copies of the classes, one per build, and both must match.

import { fieldMessages } from '../field-messages.js';
import { fieldRuleOf } from '../field-rules.js';
import { problemResponse, problemTypes, validationProblem } from './problem.js';
import type { ActkitJsonResponse } from './types.js';

interface ErrorLike {
  name?: unknown;
  status?: unknown;
  issues?: unknown;
  retryAfterMs?: unknown;
}

const asErrorLike = (error: unknown): ErrorLike =>
  typeof error === 'object' && error !== null ? (error as ErrorLike) : {};

const coreErrorNames = new Set([
  'ActkitError',
  'ActkitValidationError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'RateLimitError',
  'ServerError',
  'ConnectionError',
  'RequestTimeoutError',
  'UnexpectedResponseError',
  'ActkitAbortError',
  'TaskMayExistError',
  'TaskFailedError',
  'TaskCancelledError',
  'TaskTimeoutError',
  'TaskOutputMissingError',
  'UnknownTaskStatusError',
  'UnreadableTaskError',
  'OutputDownloadError',
]);

/** True for errors @actkit/core throws (by name, so every bundle's copy of the classes counts). */
export function isActkitError(error: unknown): boolean {
  return coreErrorNames.has(String(asErrorLike(error).name));
}

/**
 * How long a browser is asked to wait after a provider 429 that said nothing about waiting (no Retry-After
 * or retry-after-ms): 30 s. The client has already retried with backoff by then, so the saturation (often
 * Runway's daily limit) outlasted that; a short wait would only send the browser back into it.
 */
const upstreamBusyRetryAfterMs = 30_000;

/** Whether the error carries an answer of the provider (its status, and so maybe its text). */
const fromProvider = (e: ErrorLike) => typeof e.status === 'number';

/**
 * Whether the handler (and adapters) should pass `error` to `onError`: every 5xx problem (a failure on our
 * side of the browser) and every error that carries the provider's answer, whose text the browser never
 * sees and which is the only place it can be read then.
 */
export function shouldReport(error: unknown, problem: { status: number }): boolean {
  return problem.status >= 500 || (isActkitError(error) && fromProvider(asErrorLike(error)));
}

/**
 * The provider refused an input core accepted (a 400, or a 500 `invalid_request`). Its message is not
 * passed on; the field it named is, when the spec knows that field (a provider `param` that is not one of
 * our paths could itself carry text, so it is dropped).
 */
function providerRejection(issues: unknown): ActkitJsonResponse {
  const paths = (Array.isArray(issues) ? issues : [])
    .map((issue) => fieldRuleOf(String((issue as { path?: unknown } | null)?.path ?? ''))?.path)
    .filter((path): path is string => path !== undefined);
  const errors = [...new Set(paths)].map((path) => ({ path, message: fieldMessages.rejectedByProvider() }));
  if (errors.length > 0) return validationProblem(errors);
  return problemResponse(400, 'The video provider rejected the input.', {
    type: problemTypes.validation,
    title: 'Invalid input',
  });
}

/**
 * A problem response for `error`, with no key, provider host or provider message in it. The mapping:
 * core's own validation → 400 with its `issues` (the message table's words); a provider 400 (or a 500
 * `invalid_request`) → 400 naming the field only; `RateLimitError` with a wait → 429 with that
 * `Retry-After` (seconds, rounded up), without one → 503 with `Retry-After: 30`; `NotFoundError` → 404;
 * a rejected key → 502; an ambiguous create → 502 `task-may-exist`; any other provider or transport failure
 * → 502 (a `ServerError` that carries the provider's wait → 503 with it); an error with `status: 401`/`403` of its own → 401/403; anything else → 500.
 */
export function problemFromError(error: unknown): ActkitJsonResponse {
  const e = asErrorLike(error);
  switch (e.name) {
    case 'ActkitValidationError':
      if (fromProvider(e)) return providerRejection(e.issues);
      // Core's own validation (no request sent): the issues are in the message table's words.
      return Array.isArray(e.issues)
        ? validationProblem(
            e.issues.map((i) => ({ path: String(i?.path ?? ''), message: String(i?.message ?? '') })),
          )
        : problemResponse(400, 'The input was rejected.', {
            type: problemTypes.validation,
            title: 'Invalid input',
          });
    case 'NotFoundError':
      return problemResponse(404, 'No such task.');
    case 'RateLimitError': {
      // The provider said how long: a 429 that passes its wait on. It did not: the service is busy for an
      // unknown time, which is a 503 (with a conservative wait), not a promise about when to come back.
      const known = typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs);
      return problemResponse(known ? 429 : 503, 'The video provider is busy; try again later.', {
        type: problemTypes.upstreamRateLimited,
        retryAfterSeconds: (known ? (e.retryAfterMs as number) : upstreamBusyRetryAfterMs) / 1000,
      });
    }
    case 'AuthenticationError':
    case 'PermissionDeniedError':
      return problemResponse(502, 'Upstream authentication failed.', { type: problemTypes.upstream });
    case 'TaskMayExistError':
      return problemResponse(
        502,
        'The video provider did not confirm the task; it may have been created anyway. Check before starting it again.',
        { type: problemTypes.taskMayExist },
      );
    case 'TaskTimeoutError':
      return problemResponse(504, 'The task did not finish in time; read it again later.', {
        type: problemTypes.upstream,
      });
    case 'TaskFailedError':
    case 'TaskCancelledError':
      // Thrown by `run`/`wait` in the app's own routes: the task's state, not a transport failure.
      return problemResponse(502, 'The task did not succeed.', { type: problemTypes.upstream });
    case 'ServerError':
      // A 503 that asked for a longer wait than the client may sleep: pass that wait on.
      if (typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs)) {
        return problemResponse(503, 'The video provider is unavailable; try again later.', {
          type: problemTypes.upstream,
          retryAfterSeconds: e.retryAfterMs / 1000,
        });
      }
      return problemResponse(502, 'The video provider failed to answer.', { type: problemTypes.upstream });
    case 'ConnectionError':
    case 'RequestTimeoutError':
    case 'UnexpectedResponseError':
    case 'UnknownTaskStatusError':
    case 'UnreadableTaskError':
    case 'TaskOutputMissingError':
    case 'OutputDownloadError':
      return problemResponse(502, 'The video provider failed to answer.', { type: problemTypes.upstream });
    default:
      // An error thrown with an HTTP status of its own (e.g. `authorize` throwing { status: 403 }).
      if (e.status === 401) return problemResponse(401, 'Sign in first.');
      if (e.status === 403) return problemResponse(403, 'Not allowed.');
      if (typeof e.name === 'string' && e.name.startsWith('Actkit')) {
        return problemResponse(502, 'The video provider failed to answer.', { type: problemTypes.upstream });
      }
      return problemResponse(500, 'Something went wrong.');
  }
}
