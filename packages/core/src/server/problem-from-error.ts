// Maps any error (usually one @actkit/core threw while talking to the provider) to a problem a browser may
// see. Upstream failures are the server's problem, not the browser's: 502/503, never the provider's own
// message (it could echo a credential or name the provider host). Errors are recognised by `name`, not
// `instanceof`: an app that loads the client through `import` and an adapter through `require` (or the other
// way round) holds two copies of the classes, one per build, and both must match.

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
]);

/** True for errors @actkit/core throws (by name, so every bundle's copy of the classes counts). */
export function isActkitError(error: unknown): boolean {
  return coreErrorNames.has(String(asErrorLike(error).name));
}

/** A problem response for `error`, with no key, provider host or provider message in it. */
export function problemFromError(error: unknown): ActkitJsonResponse {
  const e = asErrorLike(error);
  switch (e.name) {
    case 'ActkitValidationError':
      // Core validation (no request sent) or the provider rejecting the body: the caller's input is wrong.
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
      const retryAfterMs = typeof e.retryAfterMs === 'number' ? e.retryAfterMs : 5000;
      return problemResponse(503, 'The video provider is busy; try again later.', {
        type: problemTypes.upstreamRateLimited,
        retryAfterSeconds: retryAfterMs / 1000,
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
    case 'ConnectionError':
    case 'RequestTimeoutError':
    case 'UnexpectedResponseError':
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
