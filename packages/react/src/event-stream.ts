// Live task updates over Server-Sent Events: each `data:` line is the task as JSON; the server ends the stream
// at a terminal state. We close first on a terminal task, so the browser never reconnects to a finished stream.
import type { EventSourceConstructor } from './actkit-options.js';
import { isTerminalStatus, type Task } from './contract.js';

/** Opens the stream; calls `onFail` once (and stops) on any error, so the caller can fall back to polling. */
export function streamTask(
  EventSourceImpl: EventSourceConstructor,
  url: string,
  onTask: (task: Task) => void,
  onFail: () => void,
): () => void {
  const source = new EventSourceImpl(url);
  source.onmessage = (event: MessageEvent<string>) => {
    const task = JSON.parse(event.data) as Task;
    if (isTerminalStatus(task.status)) source.close();
    onTask(task);
  };
  // A 4xx/5xx answer, a dropped connection or a proxy that buffers the stream all land here. EventSource would
  // retry on its own; polling is simpler to reason about and surfaces the server's problem document.
  source.onerror = () => {
    source.close();
    onFail();
  };
  return () => source.close();
}
