// The SSE stream of one task for one browser: joins the shared upstream loop (client.tasks.watch, one per
// task per process) and renders each state as the browser's Task. A loop error ends the stream with a
// `problem` event carrying the same key-free problem a JSON route would answer.
import type { Task } from '../task.js';
import { toBrowserTask } from './browser-task.js';
import { taskEventStream } from './event-stream.js';
import { problemFromError } from './problem-from-error.js';
import type { ActkitWatcherRegistry } from './store.js';
import type { ActkitServerClient } from './types.js';

export interface BrowserTaskStreamOptions {
  watchers: ActkitWatcherRegistry;
  client: ActkitServerClient;
  taskId: string;
  handle: string;
  heartbeatMs: number;
  pollIntervalMs: number | undefined;
  signals: AbortSignal[];
  /** Every state this stream renders (limits bookkeeping). */
  onTask(task: Task): Promise<void>;
  onError(error: unknown): void;
}

export function browserTaskStream(options: BrowserTaskStreamOptions): AsyncIterable<string> {
  const { watchers, client, taskId, handle } = options;
  return taskEventStream({
    heartbeatMs: options.heartbeatMs,
    signals: options.signals,
    subscribe: (listener) =>
      watchers.subscribe(
        taskId,
        (id, signal) =>
          client.tasks.watch(
            id,
            options.pollIntervalMs === undefined
              ? { signal }
              : { signal, pollIntervalMs: options.pollIntervalMs },
          ),
        listener,
      ),
    async render(event) {
      if (event.type === 'error') {
        const problem = problemFromError(event.error);
        if (problem.status >= 500) options.onError(event.error);
        return JSON.stringify(problem.json);
      }
      await options.onTask(event.task).catch(options.onError);
      return JSON.stringify(toBrowserTask(event.task, handle));
    },
  });
}
