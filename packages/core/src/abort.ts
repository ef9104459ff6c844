// Abort plumbing of the transport: its backoff sleeps and requests end at once on abort (the official SDK only
// checks between polls). The polling loop sleeps on the client's shared PollScheduler instead (poll-scheduler.ts).

import { addAbortListener, removeAbortListener } from './abort-listeners.js';
/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        if (signal) removeAbortListener(signal, onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    if (signal) addAbortListener(signal, onAbort);
  });
}
