// Every state of a task that any path sees (a GET, an event stream, the follower, the limit check) is
// written to its ledger record, and a terminal one frees the owner's active-task slot and tells the
// follower. Writes are skipped when the state is the one this process last wrote for the record (an event
// stream renders each poll; a GET may answer a cached state), so reads stay cheap. Failures are reported,
// never thrown: the browser still gets the state it asked for, and the next sighting writes again.
import { isTerminal, type Task } from '../task.js';
import { statePatch } from './ledger-view.js';
import { createLru } from './lru.js';
import type { OwnerLimits } from './owner-limits.js';
import type { ActkitLedger } from './store.js';
import type { TaskRef } from './task-handle.js';

/** A handle's target once the provider task is known. */
export type CreatedTaskRef = Required<TaskRef>;

export interface LedgerSync {
  /** Records `task` (a state of `ref`'s task, owned by `owner`). Never rejects. */
  observe(owner: string, ref: CreatedTaskRef, task: Task): Promise<void>;
  /** True when `observe` would write nothing: this process already wrote `task`'s state to the record. */
  isRecorded(recordId: string, task: Task): boolean;
}

export interface LedgerSyncOptions {
  ledger: ActkitLedger;
  limits: Pick<OwnerLimits, 'release'>;
  /** Called once per process per record when a terminal state is first written (the follower). */
  onTerminal?(owner: string, ref: CreatedTaskRef, task: Task): void;
  onError(error: unknown): void;
  /** Bound of the last-written memory (LRU). */
  maxEntries: number;
}

const signature = (task: Task) =>
  `${task.status}|${task.progress}|${task.status === 'SUCCEEDED' ? task.output.join(' ') : ''}`;

export function createLedgerSync(options: LedgerSyncOptions): LedgerSync {
  const { ledger, limits, onError } = options;
  // The state last written per record, and the Task it was read from: a GET answering a cached state hands
  // in that same object again, which is recognised without building its signature.
  const written = createLru<string, { state: string; task: Task }>(options.maxEntries);
  const isRecorded = (recordId: string, task: Task) => {
    const last = written.get(recordId);
    return last !== undefined && (last.task === task || last.state === signature(task));
  };
  return {
    isRecorded,
    async observe(owner, ref, task) {
      if (isRecorded(ref.recordId, task)) return;
      try {
        await ledger.update(ref.recordId, statePatch(ref.taskId, task, new Date().toISOString()));
        if (isTerminal(task)) await limits.release(owner, ref.recordId);
        written.set(ref.recordId, { state: signature(task), task });
      } catch (error) {
        onError(error);
        return;
      }
      if (isTerminal(task)) options.onTerminal?.(owner, ref, task);
    },
  };
}
