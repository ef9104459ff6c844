// The demo's `onTaskSettled`: one log line per task that ends, watched or not. Having it turns on the
// handler's background follower, which follows every unfinished task and writes each state it sees to the
// owner's task ledger, so the page's "Your tasks" list (GET /tasks, refreshed while a row is unfinished)
// moves on for tasks nobody has open, instead of showing the last state a browser happened to see.
import type { TaskSettlement } from '@actkit/core/server';

/** Logs the task's end; never the owner (a browser session id) and never a provider URL. */
export function logTaskSettled({ task, settlementId }: TaskSettlement): void {
  console.info(`a task ended: ${task.status} (onTaskSettled, settlement ${settlementId})`);
}
