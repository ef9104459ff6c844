// One way to say "the create may have started a task": every path that cannot tell (a timeout or a reset
// after the request left, a 500/502/504, a 2xx that is not JSON or yields no task id) throws the same
// TaskMayExistError, carrying the underlying error as `cause`, what that error knew (status, code, request
// id, body), the body that was sent and when it was sent.
import { type ActkitError, TaskMayExistError } from './errors.js';

/** Why the task may exist, appended to the cause's message. */
export const taskMayExistReasons = {
  /** The provider answered 2xx, but not with a task id it can be followed by. */
  accepted: 'The provider accepted the request, so the task may exist: check before creating again',
  /** The request reached the provider and the answer was lost or failed. */
  reached:
    'The request reached the provider, so the task may have been created (and billed); it was not retried: check your tasks before creating again',
} as const;

/**
 * The TaskMayExistError for a create that failed with `cause`. `input` is the request body that was sent
 * (parsed JSON, no credentials), `sentAtMs` when it was sent (epoch ms; ISO on the error).
 */
export function taskMayExist(
  cause: ActkitError,
  reason: keyof typeof taskMayExistReasons,
  input: unknown,
  sentAtMs: number,
): TaskMayExistError {
  return new TaskMayExistError(`${cause.message}. ${taskMayExistReasons[reason]}`, {
    status: cause.status,
    code: cause.code,
    requestId: cause.requestId,
    body: cause.body,
    taskId: cause.taskId,
    cause,
    input,
    sentAt: new Date(sentAtMs).toISOString(),
  });
}
