// How long to wait between polls of Get Task Details.
//
// Default schedule, and why:
//   • poll #1 at once (the official SDK sleeps a full 6 s first): it confirms the task is visible and
//     catches instant failures (moderation, invalid assets) without delay;
//   • then 1 s, then 2 s: input checks at the provider fail fast, and short jobs finish early;
//   • then every 5 s while queued (PENDING, THROTTLED) or RUNNING before progress has moved: Runway updates
//     a running task about every 5 s, so polling faster only costs requests (and rate limit);
//   • while RUNNING, once progress has moved between two polls, the observed rate predicts the finish: poll
//     250 ms after it (never sooner than 1 s), so completion is noticed within about a second; a far
//     prediction waits at most 10 s before checking again. A known rate makes the 5 s in-between polls
//     redundant, and the cap still corrects a wrong prediction (a stall, a slower second half) soon.
// So a task of N seconds costs about 4 + N/10 requests (at most 3 + N/5 + 1), fewer than the official
// SDK's one poll every 6 s ±1.5 s (and two GETs per poll) — bench/: "gets per task vs official sdk".
import type { Task } from './task.js';

/** What a schedule knows when it picks the next delay. */
export interface PollContext {
  /** Polls made so far (1 after the first). */
  polls: number;
  /** Milliseconds since watching started. */
  elapsedMs: number;
  /** The latest task; undefined while the provider still answers task_not_exist. */
  task: Task | undefined;
  /** Progress per millisecond measured while RUNNING, once progress moved; undefined before. */
  progressPerMs: number | undefined;
}

/** Returns the delay in ms before the next poll. */
export type PollSchedule = (context: PollContext) => number;

/** Early delays (after poll 1, 2); later polls use `steadyIntervalMs`. */
const rampMs = [1000, 2000];
/** Runway's update cadence while running. */
export const steadyIntervalMs = 5000;
/** Never poll faster than this, even when progress predicts completion. */
export const minimumIntervalMs = 1000;
/** While RUNNING with a measured rate, the longest wait for the predicted finish before checking again. */
export const predictedIntervalCapMs = 10_000;

/** The default schedule (see the comment at the top of this file). */
export const defaultPollSchedule: PollSchedule = ({ polls, task, progressPerMs }) => {
  const ramp = rampMs[polls - 1];
  if (ramp !== undefined) return ramp;
  if (task?.status === 'RUNNING' && progressPerMs && progressPerMs > 0) {
    const predicted = (1 - task.progress) / progressPerMs;
    // A little slack so the poll lands after the provider has flipped to SUCCEEDED.
    return Math.min(predictedIntervalCapMs, Math.max(minimumIntervalMs, Math.ceil(predicted + 250)));
  }
  return steadyIntervalMs;
};

/** A schedule that always waits `intervalMs` (the first poll still happens at once). */
export function fixedPollSchedule(intervalMs: number): PollSchedule {
  return () => intervalMs;
}
