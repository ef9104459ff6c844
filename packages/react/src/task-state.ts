// What the hooks return about a task: the contract's task plus a status that also covers "nothing yet".
import type { Task, TaskStatus } from './contract.js';
import type { ActkitProblemError } from './problem-error.js';

/**
 * `idle`: nothing to watch. `starting`: the create request is in flight. `loading`: watching, no state yet.
 * `error`: a request failed (see `error`) and no task state is known. Otherwise the task's own status.
 */
export type TaskState = {
  status: 'idle' | 'starting' | 'loading' | 'error' | TaskStatus;
  task: Task | undefined;
  /** 0..1. */
  progress: number;
  /** Output video URLs once SUCCEEDED (they expire after 24-48 h). */
  output: string[] | undefined;
  error: ActkitProblemError | undefined;
};

export const describeTask = (
  task: Task | undefined,
  error: ActkitProblemError | undefined,
  waiting: 'idle' | 'starting' | 'loading',
): TaskState => ({
  status: task?.status ?? (error ? 'error' : waiting),
  task,
  progress: task?.progress ?? 0,
  output: task?.output,
  error,
});
