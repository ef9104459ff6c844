// The one task model the client hands out, whatever shape (bare Runway task or CometAPI's wrapped envelope)
// the provider answered with. A discriminated union on `status`, so `task.output` only exists once SUCCEEDED.
import type { components } from './generated/cometapi-runway/types.gen.js';
import { zTaskStatus } from './generated/cometapi-runway/zod.gen.js';

/** Runway's task statuses, from the spec. */
export type TaskStatus = components['schemas']['TaskStatus'];

/** Every task status, from the spec (generated). */
export const taskStatuses: readonly TaskStatus[] = zTaskStatus.options;

interface TaskBase {
  /** The task id. */
  id: string;
  /**
   * When the provider created the task (ISO 8601): its `createdAt`, else the wrapper's `submit_time` or
   * `start_time`. When the provider gave none (some gateways send nothing, or zeros), the time the task was
   * first seen: in `watch`/`wait`/`run` the time of the loop's first read (the same on every state it
   * yields), from a lone `tasks.retrieve` the time of that read. Never the Unix epoch.
   */
  createdAt: string;
  /**
   * 0..1; exactly 1 only once SUCCEEDED (a task still running at "100%" shows 0.99). An unreadable value
   * (missing, `''`, not a number, odd percent text) counts as 0 in a lone `tasks.retrieve`; `watch`, `wait`
   * and `run` keep the last known progress instead, and never let it go down while the task runs.
   */
  progress: number;
  /** The provider's body, untouched, for debugging. */
  raw: unknown;
}

/** Accepted, not started yet. */
export interface PendingTask extends TaskBase {
  status: 'PENDING';
}
/** Queued behind the account's concurrency limit: still waiting, not failed. */
export interface ThrottledTask extends TaskBase {
  status: 'THROTTLED';
}
/** Being generated; `progress` moves (Runway updates it about every 5 s). */
export interface RunningTask extends TaskBase {
  status: 'RUNNING';
}
/**
 * Done. `output` holds the video URLs, at least one (a SUCCEEDED answer without any is never handed out:
 * see `TaskOutputMissingError`); they expire after 24-48 h, download promptly.
 */
export interface SucceededTask extends TaskBase {
  status: 'SUCCEEDED';
  output: [string, ...string[]];
}
/** Failed at the provider. */
export interface FailedTask extends TaskBase {
  status: 'FAILED';
  /** A human-readable reason. */
  failure: string;
  /** A machine-readable reason such as `SAFETY.INPUT.TEXT` or `INTERNAL`, when the provider gave one. */
  failureCode: string | undefined;
  /** Whether creating the same task again could succeed (see `isRetryableFailure`). */
  retryable: boolean;
}
/** Cancelled (Runway's API can cancel; CometAPI documents no cancel route). */
export interface CancelledTask extends TaskBase {
  status: 'CANCELLED';
}

/** A normalised task: discriminated union on `status`. */
export type Task = PendingTask | ThrottledTask | RunningTask | SucceededTask | FailedTask | CancelledTask;

/** A task in a final state: SUCCEEDED, FAILED or CANCELLED. */
export type TerminalTask = SucceededTask | FailedTask | CancelledTask;

/** True for SUCCEEDED, FAILED and CANCELLED: the task will not change any more. */
export function isTerminal(task: Task): task is TerminalTask {
  return task.status === 'SUCCEEDED' || task.status === 'FAILED' || task.status === 'CANCELLED';
}

/** Still queued (PENDING or THROTTLED): not started, and nothing is wrong. */
export function isQueued(task: Task): task is PendingTask | ThrottledTask {
  return task.status === 'PENDING' || task.status === 'THROTTLED';
}
