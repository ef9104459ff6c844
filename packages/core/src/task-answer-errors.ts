// Answers about a task that the client will not hand out as a `Task`: a status word nobody knows, and a
// SUCCEEDED with no output URL. Gateways of the new-api family send both (new words after an upgrade; a
// "success" whose output is filled in a moment later). `tasks.retrieve` throws them; the polling loop behind
// `watch`, `wait` and `run` reads them as "no news yet" and polls on (bounded: see watch-task.ts), so a
// caller never receives a task in a state the types do not describe.
import { type ActkitErrorDetails, UnexpectedResponseError } from './errors.js';

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
