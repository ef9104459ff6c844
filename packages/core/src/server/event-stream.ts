// One browser's Server-Sent Events stream over the shared watcher registry: a `data:` event per change
// (the first at once when the task's state is known), `: heartbeat` comments while idle, and the end at a
// terminal state, on an upstream error, when the client leaves (signal) or when the handler closes.
import { isTerminal } from '../index.js';
import type { Shutdown } from './shutdown.js';
import type { TaskWatchEvent } from './store.js';

export interface EventStreamOptions {
  /** Joins the shared loop; returns the leave function. */
  subscribe(listener: (event: TaskWatchEvent) => void): () => void;
  /** Renders a state for the browser (the `data:` JSON), or undefined to end the stream. */
  render(event: TaskWatchEvent): Promise<string>;
  heartbeatMs: number;
  /** Client disconnect. */
  signal: AbortSignal | undefined;
  /** Handler shutdown: a listener set, not a signal, so many streams raise no MaxListenersExceededWarning. */
  shutdown: Pick<Shutdown, 'closed' | 'onClose'>;
}

const dataEvent = (json: string) => `data: ${json}\n\n`;
export const heartbeatComment = ': heartbeat\n\n';

/** An async iterable of SSE chunks; iterating it joins the watcher, finishing or breaking leaves it. */
export function taskEventStream(options: EventStreamOptions): AsyncIterable<string> {
  return {
    async *[Symbol.asyncIterator]() {
      const queue: TaskWatchEvent[] = [];
      let wake: (() => void) | undefined;
      let stopped = false;
      const notify = () => {
        wake?.();
        wake = undefined;
      };
      const stop = () => {
        stopped = true;
        notify();
      };
      const { signal, shutdown } = options;
      if (signal?.aborted || shutdown.closed) return;
      signal?.addEventListener('abort', stop, { once: true });
      const leaveShutdown = shutdown.onClose(stop);
      const leave = options.subscribe((event) => {
        queue.push(event);
        notify();
      });
      let heartbeatDue = false;
      const heartbeat = setInterval(() => {
        heartbeatDue = true;
        notify();
      }, options.heartbeatMs);
      let lastSent: string | undefined;
      try {
        while (!stopped) {
          const event = queue.shift();
          if (event) {
            if (event.type === 'error') {
              yield `event: problem\n${dataEvent(await options.render(event))}`;
              return;
            }
            const json = await options.render(event);
            // The loop may repeat a state (each poll); the browser only hears about changes.
            if (json !== lastSent) {
              lastSent = json;
              yield dataEvent(json);
            }
            if (isTerminal(event.task)) return;
            continue;
          }
          if (heartbeatDue) {
            heartbeatDue = false;
            yield heartbeatComment;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        clearInterval(heartbeat);
        leave();
        signal?.removeEventListener('abort', stop);
        leaveShutdown();
      }
    },
  };
}
