// `wait`: drive the watch loop to the end and turn the final state into a result or an error.
import { ActkitError } from './errors.js';
import type { SucceededTask, Task } from './task.js';
import { TaskCancelledError, TaskFailedError } from './task-errors.js';
import type { WatchOptions } from './watch-task.js';

/** Options of `tasks.wait`: the watch options plus a progress callback. */
export interface WaitOptions extends WatchOptions {
  /** Called with each change of the task (status or progress), the first state included. */
  onProgress?: (task: Task) => void;
}

/**
 * Resolves with the SUCCEEDED task. Throws TaskFailedError (FAILED; `retryable` says whether creating it
 * again could help), TaskCancelledError (a TaskFailedError with failureCode CANCELLED), TaskTimeoutError, or
 * ActkitAbortError.
 */
export async function waitForTask(updates: AsyncIterable<Task>, onProgress?: (task: Task) => void) {
  for await (const task of updates) {
    onProgress?.(task);
    if (task.status === 'SUCCEEDED') return task as SucceededTask;
    if (task.status === 'FAILED') throw new TaskFailedError(task);
    if (task.status === 'CANCELLED') throw new TaskCancelledError(task);
  }
  throw new ActkitError('Task updates ended before the task reached a final state');
}
