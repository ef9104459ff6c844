// Errors about a task's outcome (as opposed to an HTTP exchange): the provider ran the task and it failed,
// was cancelled, or did not finish within the time the caller allowed.
import { ActkitError } from './errors.js';
import type { CancelledTask, FailedTask, Task } from './task.js';

/** The task ended FAILED (or CANCELLED: see `TaskCancelledError`). `taskId` is the task's id. */
export class TaskFailedError extends ActkitError {
  override name = 'TaskFailedError';
  declare readonly taskId: string;
  /** The final task. */
  readonly task: FailedTask | CancelledTask;
  /** The provider's failure code (`SAFETY.INPUT.TEXT`, `INTERNAL`, …) or `CANCELLED`. */
  readonly failureCode: string | undefined;
  /** Whether creating the same task again could succeed: false for moderation, bad assets and bad outputs. */
  readonly retryable: boolean;

  constructor(task: FailedTask | CancelledTask, message?: string) {
    const failureCode = task.status === 'FAILED' ? task.failureCode : 'CANCELLED';
    super(
      message ??
        `Task ${task.id} failed${failureCode ? ` (${failureCode})` : ''}: ${task.status === 'FAILED' ? task.failure : 'cancelled'}`,
      { code: failureCode, taskId: task.id },
    );
    this.task = task;
    this.failureCode = failureCode;
    this.retryable = task.status === 'FAILED' ? task.retryable : false;
  }

  override toJSON(): Record<string, unknown> {
    const { raw: _raw, ...task } = this.task;
    return { ...super.toJSON(), failureCode: this.failureCode, retryable: this.retryable, task };
  }
}

/**
 * The task ended CANCELLED. A subclass of TaskFailedError (failureCode `CANCELLED`, not retryable), so one
 * `catch (e instanceof TaskFailedError)` handles every unsuccessful end.
 */
export class TaskCancelledError extends TaskFailedError {
  override name = 'TaskCancelledError';
  constructor(task: CancelledTask) {
    super(task, `Task ${task.id} was cancelled`);
  }
}

/** `wait`/`watch` ran out of their `timeoutMs` before the task ended. The task itself may still finish. */
export class TaskTimeoutError extends ActkitError {
  override name = 'TaskTimeoutError';
  declare readonly taskId: string;
  readonly timeoutMs: number;
  /** The last state seen, if any poll succeeded. */
  readonly lastTask: Task | undefined;

  constructor(taskId: string, timeoutMs: number, lastTask: Task | undefined) {
    super(
      `Task ${taskId} did not finish within ${timeoutMs} ms${lastTask ? ` (last status ${lastTask.status}, ${Math.round(lastTask.progress * 100)}%)` : ''}; it may still finish: retrieve it later`,
      { taskId },
    );
    this.timeoutMs = timeoutMs;
    this.lastTask = lastTask;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      timeoutMs: this.timeoutMs,
      lastStatus: this.lastTask?.status,
    };
  }
}
