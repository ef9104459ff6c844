// `wait`: the same polling loop as `watch`, awaited directly, turning the final state into a result or an
// error.
import { ActkitError } from './errors.js';
import type { SucceededTask, Task } from './task.js';
import { TaskCancelledError, TaskFailedError } from './task-errors.js';
import type { TaskPollLoop, WatchOptions } from './watch-task.js';

/** Options of `tasks.wait`: the watch options plus a progress callback. */
export interface WaitOptions extends WatchOptions {
  /** Called with each change of the task (status or progress), the first state included. */
  onProgress?: (task: Task) => void;
}

/**
 * Resolves with the SUCCEEDED task (at least one output URL). Throws TaskFailedError (FAILED; `retryable`
 * says whether creating it again could help), TaskCancelledError (a TaskFailedError with failureCode
 * CANCELLED), TaskTimeoutError, TaskOutputMissingError (SUCCEEDED without output, read
 * `missingOutputReads` times in a row), ActkitAbortError, or the read's own error; each with `taskId`.
 */
export async function waitForTask(loop: TaskPollLoop, onProgress?: (task: Task) => void) {
  for (let step = await loop.next(); !step.done; step = await loop.next()) {
    const task = step.value;
    onProgress?.(task);
    if (task.status === 'SUCCEEDED') return task as SucceededTask;
    if (task.status === 'FAILED') throw new TaskFailedError(task);
    if (task.status === 'CANCELLED') throw new TaskCancelledError(task);
  }
  throw new ActkitError(`Task ${loop.id}: updates ended before the task reached a final state`, {
    taskId: loop.id,
  });
}
