// The SSE stream of one task for one browser: joins the shared upstream loop (one per task per process) and renders each state as the browser's Task. A loop error ends the stream with a
// `problem` event carrying the same key-free problem a JSON route would answer.
import { outputUrlExpiresAt } from '../output-url-expiry.js';
import type { Task } from '../task.js';
import { toBrowserTask } from './browser-task.js';
import { type EventStreamOptions, taskEventStream } from './event-stream.js';
import { problemFromError, shouldReport } from './problem-from-error.js';
import type { ActkitWatcherRegistry, TaskPoller, TaskWatchEvent } from './store.js';

export interface BrowserTaskStreamOptions {
  watchers: ActkitWatcherRegistry;
  /** Starts the shared upstream loop (the handler's, over client.tasks.watch). */
  poll: TaskPoller;
  taskId: string;
  handle: string;
  heartbeatMs: number;
  signal: EventStreamOptions['signal'];
  shutdown: EventStreamOptions['shutdown'];
  /** Every state this stream renders (limits bookkeeping). */
  onTask(task: Task): Promise<void>;
  onError(error: unknown): void;
}

/** A SUCCEEDED state one of whose output URLs says it has expired already. */
const outputExpired = (event: TaskWatchEvent, now: number) =>
  event.type === 'task' &&
  event.task.status === 'SUCCEEDED' &&
  event.task.output.some((url) => (outputUrlExpiresAt(url) ?? now + 1) <= now);

export function browserTaskStream(options: BrowserTaskStreamOptions): AsyncIterable<string> {
  const { watchers, poll, taskId, handle } = options;
  return taskEventStream({
    heartbeatMs: options.heartbeatMs,
    signal: options.signal,
    shutdown: options.shutdown,
    // A late joiner may first be shown a stored terminal state (a shared registry keeps it for a while)
    // whose links have run out; the fresh loop a subscriber always starts answers fresh ones at once, so
    // that one state is skipped. Only one: links the provider hands out already expired still end the stream.
    subscribe: (listener) => {
      let skipped = false;
      return watchers.subscribe(taskId, poll, (event) => {
        if (!skipped && outputExpired(event, Date.now())) skipped = true;
        else listener(event);
      });
    },
    async render(event) {
      if (event.type === 'error') {
        const problem = problemFromError(event.error);
        if (shouldReport(event.error, problem)) options.onError(event.error);
        return JSON.stringify(problem.json);
      }
      await options.onTask(event.task).catch(options.onError);
      return JSON.stringify(toBrowserTask(event.task, handle));
    },
  });
}
