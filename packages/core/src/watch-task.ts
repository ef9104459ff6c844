// The one polling loop. `watch` yields each change of a task (status or progress) and ends at a terminal
// state; `wait` and `run` are built on it. Everything here waits through an AbortSignal that combines the
// caller's signal with the overall deadline, so an abort or the deadline ends a sleep AND the request in
// flight at once: `timeoutMs` is never overshot by more than a few milliseconds.
import { anySignal, sleep } from './abort.js';
import { ActkitAbortError, NotFoundError } from './errors.js';
import type { PollSchedule } from './poll-schedule.js';
import { defaultPollSchedule, fixedPollSchedule } from './poll-schedule.js';
import type { Task } from './task.js';
import { isTerminal } from './task.js';
import { TaskTimeoutError } from './task-errors.js';

/** Options of `tasks.watch` (and, through it, `tasks.wait` and `characterPerformance.run`). */
export interface WatchOptions {
  /** Aborts the whole watch at once (the sleep and the request in flight) with ActkitAbortError. */
  signal?: AbortSignal;
  /** Overall time limit in ms; then TaskTimeoutError (the task may still finish). Default 30 minutes. */
  timeoutMs?: number;
  /** Per-request timeout of each poll; defaults to the client's `timeoutMs`. */
  requestTimeoutMs?: number;
  /** Poll at this fixed interval instead of the default schedule (the first poll is still immediate). */
  pollIntervalMs?: number;
  /** A custom schedule: returns the delay before the next poll. Wins over `pollIntervalMs`. */
  pollSchedule?: PollSchedule;
  /**
   * How long a `task_not_exist` answer counts as "not visible yet" (a fresh task can briefly be unknown)
   * before it becomes a NotFoundError. Default 30 000 ms.
   */
  notFoundGraceMs?: number;
}

/** Default overall limit of watch/wait: Act-Two jobs take minutes, queues can add more. */
export const defaultWaitTimeoutMs = 30 * 60_000;
export const defaultNotFoundGraceMs = 30_000;

/** Fetches one task; the client's `tasks.retrieve`. */
export type RetrieveTask = (
  id: string,
  options: { signal: AbortSignal; timeoutMs?: number },
) => Promise<Task>;

const changed = (previous: Task | undefined, next: Task) =>
  !previous || previous.status !== next.status || previous.progress !== next.progress;

/** Polls `id` until it ends, yielding every change. */
export async function* watchTask(
  retrieve: RetrieveTask,
  id: string,
  options: WatchOptions = {},
): AsyncGenerator<Task, void, undefined> {
  const timeoutMs = options.timeoutMs ?? defaultWaitTimeoutMs;
  const grace = options.notFoundGraceMs ?? defaultNotFoundGraceMs;
  const schedule =
    options.pollSchedule ??
    (options.pollIntervalMs !== undefined ? fixedPollSchedule(options.pollIntervalMs) : defaultPollSchedule);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const { signal, dispose } = anySignal([options.signal, deadline.signal]);
  const start = Date.now();
  let last: Task | undefined;
  let polls = 0;
  // First RUNNING sample with progress, to measure the rate of progress.
  let runningSample: { at: number; progress: number } | undefined;
  let progressPerMs: number | undefined;

  try {
    while (true) {
      let task: Task | undefined;
      try {
        task = await retrieve(id, { signal, timeoutMs: options.requestTimeoutMs });
      } catch (error) {
        const notVisibleYet =
          error instanceof NotFoundError && error.code === 'task_not_exist' && Date.now() - start < grace;
        if (!notVisibleYet) throw error;
      }
      polls++;
      if (task) {
        if (changed(last, task)) {
          last = task;
          yield task;
        }
        if (isTerminal(task)) return;
        if (task.status === 'RUNNING') {
          const now = Date.now();
          if (!runningSample) runningSample = { at: now, progress: task.progress };
          else if (task.progress > runningSample.progress && now > runningSample.at) {
            progressPerMs = (task.progress - runningSample.progress) / (now - runningSample.at);
          }
        }
      }
      const delay = schedule({ polls, elapsedMs: Date.now() - start, task, progressPerMs });
      await sleep(delay, signal);
    }
  } catch (error) {
    if (options.signal?.aborted) {
      throw error instanceof ActkitAbortError
        ? error
        : new ActkitAbortError(`Watching task ${id} was aborted`, { cause: options.signal.reason });
    }
    if (deadline.signal.aborted) throw new TaskTimeoutError(id, timeoutMs, last);
    throw error;
  } finally {
    clearTimeout(timer);
    dispose();
  }
}
