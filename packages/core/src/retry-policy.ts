// When a failed request may be sent again. Reads are idempotent: retry anything transient. Create starts a
// PAID task and CometAPI offers no idempotency key, so it is retried only when the provider certainly
// started nothing: 429 (rejected at the gate), 503 (the spec: "no task was started") and connections that
// never opened (refused, DNS failure). Everything else that could have reached the task queue (a timeout or
// reset after the body was sent, 500/502/504) is "ambiguous": the caller gets TaskMayExistError instead of a
// silent second task. The official SDK retries those and can bill twice. A 200 whose body is empty or not
// JSON is a transient fault of a gateway on a read (retried like a 5xx); on a create it is ambiguous (the
// provider may have accepted the task).
import { isInvalidRequest } from './http-error.js';

/** `create` is the paid, non-idempotent POST; `read` is everything else. */
export type RequestKind = 'create' | 'read';

/** What went wrong with one attempt. */
export type AttemptFailure =
  | { type: 'answer'; status: number; body: unknown }
  | { type: 'network'; notSent: boolean }
  | { type: 'timeout' }
  /** A 2xx whose body is empty or not JSON. */
  | { type: 'unreadable' };

/** retry: send again after a delay; fail: throw the error; ambiguous: throw TaskMayExistError. */
export type RetryDecision = 'retry' | 'fail' | 'ambiguous';

/** Connection error codes that prove the request never left (no socket, no bytes sent). */
export const notSentErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const isServerFault = (status: number, body: unknown) =>
  status >= 500 && !(status === 500 && isInvalidRequest(body));

/** Decides what to do after a failed attempt. Pure. */
export function decideRetry(kind: RequestKind, failure: AttemptFailure): RetryDecision {
  if (kind === 'read') {
    if (failure.type !== 'answer') return 'retry';
    const { status, body } = failure;
    return status === 408 || status === 429 || isServerFault(status, body) ? 'retry' : 'fail';
  }
  switch (failure.type) {
    case 'unreadable':
      return 'ambiguous';
    case 'network':
      return failure.notSent ? 'retry' : 'ambiguous';
    case 'timeout':
      return 'ambiguous';
    case 'answer': {
      const { status, body } = failure;
      if (status === 429 || status === 503) return 'retry';
      if (status === 408 || isServerFault(status, body)) return 'ambiguous';
      return 'fail';
    }
  }
}
