// One connection that follows one task: Server-Sent Events first, polling when there is no EventSource or the
// stream fails. Returns the function that closes whichever is open.
import { type ActkitOptions, createActkitClient } from './actkit-options.js';
import type { Task } from './contract.js';
import { streamTask } from './event-stream.js';
import { pollTask } from './poll-fallback.js';
import type { ActkitProblemError } from './problem-error.js';

export function followTask(
  options: ActkitOptions,
  handle: string,
  publish: (task?: Task, error?: ActkitProblemError) => void,
): () => void {
  const poll = () => {
    stop = pollTask(createActkitClient(options), handle, publish, options.pollMs);
  };
  // Read at connect time, never at import time: importing the package on a server must not touch browser globals.
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  let stop: () => void = () => {};
  if (EventSourceImpl) {
    const url = `${options.baseUrl.replace(/\/+$/, '')}/tasks/${encodeURIComponent(handle)}/events`;
    stop = streamTask(EventSourceImpl, url, publish, poll);
  } else poll();
  return () => stop();
}
