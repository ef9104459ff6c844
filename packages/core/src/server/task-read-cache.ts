// What GET /tasks/{handle} reads: the task's state from the store when it is fresh enough, else ONE
// upstream read shared by every request that wants it meanwhile (single flight). Runway updates a task
// about every 5 s, so a state up to `maxStaleMs` (default 1 s) old shows the browser nothing new late,
// while a page polling fast, or many tabs, no longer cost an upstream round trip each. A terminal state is
// kept while its output URLs are fresh (output-freshness.ts): a SUCCEEDED task read after its links ran
// out is read again, which hands out fresh ones.

import { isTerminal } from '../index.js';
import type { Task } from '../task.js';
import type { OutputsFreshUntil } from './output-freshness.js';
import type { ActkitTaskStateStore, TaskStateEntry } from './store.js';
import { isPromiseLike } from './types.js';

/** True for what `peek` may return besides undefined: an entry with a task and when it was read. */
const isEntry = (value: unknown): value is TaskStateEntry =>
  typeof (value as TaskStateEntry | null)?.task?.status === 'string' &&
  typeof (value as TaskStateEntry).readAt === 'number';

export const defaultMaxStaleMs = 1000;

export interface TaskReadCacheOptions {
  states: ActkitTaskStateStore;
  /** The upstream read (client.tasks.retrieve). */
  retrieve(taskId: string): Promise<Task>;
  /** Oldest non-terminal state answered; 0 reads upstream every time (concurrent reads still share one). */
  maxStaleMs: number;
  /** Until when a state's output URLs may be answered (SUCCEEDED); see output-freshness.ts. */
  outputsFreshUntil: OutputsFreshUntil;
  /** A failing store call: reported, while the read it came with still answers (from upstream). */
  onError(error: unknown): void;
  now?: () => number;
}

export interface TaskReadCache {
  /**
   * A state of the task read at most `maxStaleMs` ago, or its terminal state whenever that was read as long
   * as its output URLs are still fresh.
   */
  read(taskId: string): Promise<Task>;
  /**
   * The state `read` would answer without asking upstream, synchronously, when the store holds it in this
   * process's memory (`ActkitTaskStateStore.peek`); undefined otherwise (then `read`).
   */
  peek(taskId: string): Task | undefined;
  /** Records a state read elsewhere (the SSE loop's polls), so GETs meanwhile need no read of their own. */
  remember(taskId: string, task: Task): Promise<void>;
}

export function createTaskReadCache(options: TaskReadCacheOptions): TaskReadCache {
  const { states, retrieve, maxStaleMs, outputsFreshUntil, onError } = options;
  if (!(maxStaleMs >= 0)) throw new RangeError(`maxStaleMs must be a number ≥ 0, got ${maxStaleMs}`);
  const now = options.now ?? Date.now;
  const inFlight = new Map<string, Promise<Task>>();
  // Looked up once: `states` is a guarding Proxy (store-unavailable.ts), whose trap would run on every GET.
  const peekState = states.peek;

  /** Until when a state read at `readAt` may be answered without reading upstream (epoch ms). */
  const freshUntil = (task: Task, readAt: number) =>
    task.status === 'SUCCEEDED'
      ? outputsFreshUntil(task.output, readAt)
      : isTerminal(task)
        ? Number.POSITIVE_INFINITY
        : readAt + maxStaleMs;

  const remember = async (taskId: string, task: Task) => {
    const terminal = isTerminal(task);
    if (!terminal && maxStaleMs <= 0) return;
    const readAt = now();
    // Kept while it may be answered: forever for FAILED/CANCELLED (nothing expires), until the output
    // links' freshness ends for SUCCEEDED, `maxStaleMs` for the rest.
    const until = freshUntil(task, readAt);
    try {
      await states.set(
        taskId,
        { task, readAt },
        until === Number.POSITIVE_INFINITY ? undefined : Math.max(1, until - readAt),
      );
    } catch (error) {
      onError(error);
    }
  };

  // No request's signal goes to the shared read: one caller leaving must not fail the others waiting on
  // it. The client's own timeout bounds it, and a state read for a caller who left still fills the cache.
  const readUpstream = (taskId: string) => {
    const reading = retrieve(taskId).then(async (task) => {
      await remember(taskId, task);
      return task;
    });
    inFlight.set(taskId, reading);
    // Errors are never kept: the next read after a failure asks upstream again.
    const forget = () => {
      if (inFlight.get(taskId) === reading) inFlight.delete(taskId);
    };
    reading.then(forget, forget);
    return reading;
  };

  return {
    peek(taskId) {
      let known: unknown;
      try {
        known = peekState?.(taskId);
      } catch (error) {
        onError(error); // as in `read`: the store failing only costs the shortcut
        return undefined;
      }
      if (known === undefined || known === null) return undefined;
      if (!isEntry(known)) {
        // A store's own code, typed or not: an async peek (whose rejection nobody else would handle, which
        // ends a Node process) or something that is not an entry. `read` answers instead, through `get`.
        if (isPromiseLike(known)) known.then(undefined, onError);
        onError(
          new TypeError('store.tasks.peek must return a { task, readAt } entry or undefined, synchronously'),
        );
        return undefined;
      }
      return now() <= freshUntil(known.task, known.readAt) ? known.task : undefined;
    },
    async read(taskId) {
      // A store that cannot answer only costs the shortcut: the provider still can (reported, not thrown).
      const known = await states.get(taskId).catch((error: unknown) => {
        onError(error);
        return undefined;
      });
      if (known && now() <= freshUntil(known.task, known.readAt)) return known.task;
      return inFlight.get(taskId) ?? readUpstream(taskId);
    },
    remember,
  };
}
