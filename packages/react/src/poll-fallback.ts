// Polling GET /tasks/{handle} for when Server-Sent Events are unavailable or failed. Polls at once, then
// backs off from `firstMs` by 1.5x up to 5 s (the provider itself updates about every 5 s).
import type { ActkitClient } from './actkit-options.js';
import { isTerminalStatus, type Task } from './contract.js';
import { type ActkitProblemError, settle } from './problem-error.js';

const MAX_INTERVAL_MS = 5000;

/** A status that retrying cannot change (unknown handle, not signed in, forbidden): stop polling. */
const isPermanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

export function pollTask(
  client: ActkitClient,
  handle: string,
  publish: (task?: Task, error?: ActkitProblemError) => void,
  firstMs = 1000,
): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let intervalMs = firstMs;
  const poll = async () => {
    const { data, error } = await settle(
      client.GET('/tasks/{handle}', { params: { path: { handle } }, signal: controller.signal }),
    );
    if (controller.signal.aborted) return;
    publish(data?.task, error);
    if (data ? isTerminalStatus(data.task.status) : isPermanent(error.status)) return;
    // Transient failures (network, 5xx, 429) keep the schedule: the task is still running upstream.
    timer = setTimeout(poll, intervalMs);
    intervalMs = Math.min(intervalMs * 1.5, MAX_INTERVAL_MS);
  };
  void poll();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}
