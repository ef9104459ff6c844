// Answers about a task that the client will not hand out as a `Task`: a body that cannot be read as the
// task at all, a status word nobody knows, and a SUCCEEDED with no output URL. Gateways of the new-api family
// send all three (a gateway error inside a 200, new words after an upgrade; a "success" whose output is
// filled in a moment later). `tasks.retrieve` throws them; the polling loop behind `watch`, `wait` and `run`
// reads them as "no news yet" and polls on (bounded: see watch-task.ts), so a caller never receives a task
// in a state the types do not describe.
import { type ActkitErrorDetails, UnexpectedResponseError } from './errors.js';

/** Why a 200 answer of Get Task Details cannot be read as the task asked for (`UnreadableTaskError.reason`). */
export type UnreadableTaskReason =
  /** JSON `null`, a list, a number or a string. */
  | 'not-an-object'
  /** An object naming no task, e.g. `{}`. */
  | 'no-task-id'
  /** A gateway's error inside the 200 (`{ code: "fail", message, data: null }`): no task id, a message. */
  | 'gateway-error'
  /** The task id in the body is another task's. */
  | 'other-task';

const reasonWords: Record<UnreadableTaskReason, string> = {
  'not-an-object': 'is not a JSON object',
  'no-task-id': 'names no task',
  'gateway-error': 'is a gateway error, not the task',
  'other-task': 'is about another task',
};

/**
 * A 200 answer of Get Task Details that cannot be read as the task asked for: JSON `null`, `[]`, `{}`, a body
 * whose task id is another task's, or a gateway error inside the 200 (`{ code: "fail", message: "…",
 * data: null }`, whose `message` is kept in this error's message: server logs only, never a browser). It
 * says nothing about the task, so:
 *
 * From `tasks.retrieve`: thrown (it is an `UnexpectedResponseError`, with `taskId` and `reason`). In
 * `watch`/`wait`/`run`: not an end: like an unknown status word, the loop logs one `warn` line per task
 * through the client's logger and keeps polling until a readable answer or its deadline
 * (`TaskTimeoutError`). Answers that are no JSON 200 at all (a redirect, an HTML page, a 404 from a wrong
 * base URL) are other errors and still end a wait at once.
 */
export class UnreadableTaskError extends UnexpectedResponseError {
  override name = 'UnreadableTaskError';
  /** What is wrong with the body (see `UnreadableTaskReason`). */
  readonly reason: UnreadableTaskReason;

  /**
   * `taskId`: the task asked for (always set by the client; undefined only from a bare `normalizeTask`
   * call without `requestedId`). `said`: the gateway's own words (`code: message`), or for `other-task`
   * the id the body names; bounded by the caller.
   */
  constructor(
    taskId: string | undefined,
    reason: UnreadableTaskReason,
    said: string | undefined,
    details: ActkitErrorDetails = {},
  ) {
    const what = taskId ? `Task ${taskId}` : 'Task details';
    const extra = said ? (reason === 'other-task' ? ` (${said})` : ` ("${said}")`) : '';
    const hint = reason === 'not-an-object' || reason === 'no-task-id' ? '; is the base URL right?' : '';
    super(`${what}: the answer ${reasonWords[reason]}${extra}${hint}`, { ...details, taskId });
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/**
 * The provider answered a status word that is neither Runway's (`PENDING` … `CANCELLED`) nor a known
 * wrapper word (`NOT_START`, `IN_PROGRESS`, `SUCCESS`, …), in any letter case, or no status at all.
 *
 * From `tasks.retrieve`: thrown (it is an `UnexpectedResponseError`). In `watch`/`wait`/`run`: not an end:
 * the loop logs one `warn` line per task through the client's logger and keeps polling until a known state
 * or its deadline (`TaskTimeoutError`, whose `lastTask` is the last known state).
 */
export class UnknownTaskStatusError extends UnexpectedResponseError {
  override name = 'UnknownTaskStatusError';
  declare readonly taskId: string;
  /** The status word exactly as the provider sent it; `''` when it sent none. */
  readonly statusWord: string;

  constructor(taskId: string, statusWord: string, details: ActkitErrorDetails = {}) {
    super(
      statusWord
        ? `Task ${taskId} has a status the client does not know ("${statusWord.slice(0, 40)}"); it is not treated as finished`
        : `Task ${taskId} was answered without a status; is the base URL right?`,
      { ...details, taskId },
    );
    this.statusWord = statusWord;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), statusWord: this.statusWord };
  }
}

/** How many reads in a row `watch`/`wait`/`run` accept a SUCCEEDED without output before giving up. */
export const missingOutputReads = 4;

/**
 * The provider says SUCCEEDED but gives no output URL (no `output`, an empty one, or no string in it).
 *
 * From `tasks.retrieve`: thrown at once (`reads` 1). In `watch`/`wait`/`run`: the loop polls again on its
 * usual schedule, and throws this (with `reads` = `missingOutputReads`, 4) when that many reads in a row
 * showed it. So a SUCCEEDED task handed out always has at least one output URL.
 */
export class TaskOutputMissingError extends UnexpectedResponseError {
  override name = 'TaskOutputMissingError';
  declare readonly taskId: string;
  /** How many reads in a row showed SUCCEEDED without an output URL. */
  readonly reads: number;

  constructor(taskId: string, details: ActkitErrorDetails & { reads?: number } = {}) {
    const reads = details.reads ?? 1;
    super(
      `Task ${taskId} is SUCCEEDED but the provider gave no output URL${reads > 1 ? ` in ${reads} reads in a row` : ''}; read it again later, or check the provider's dashboard`,
      { ...details, taskId },
    );
    this.reads = reads;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reads: this.reads };
  }
}
