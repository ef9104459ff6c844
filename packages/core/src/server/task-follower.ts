// The background follower behind `onTaskSettled`: it follows every unfinished task in the ledger, so a task
// started and then abandoned (tab closed, instance restarted) still settles. It
// - scans the ledger at start and every `scanIntervalMs` (one timer) for unfinished records;
// - follows each through the watcher registry, the same shared loop as event streams (so a task is polled
//   once however many follow it; on a shared store, once across instances), on the client's scheduler;
// - writes every state to the ledger (ledger-sync.ts) and, at a terminal state, settles the task: claims it
//   in the store (one holder at a time), calls `onTaskSettled`, completes the claim.
// At most `maxTasks` tasks are watched or being settled at once; the rest wait for the next scan. A call
// that throws, or whose process dies, is not completed: the claim lapses and a later scan (here or on
// another instance) calls again with the same settlementId. Without `onTaskSettled` none of this exists.
import { isTerminal, type Task, type TerminalTask } from '../task.js';
import type { CreatedTaskRef, LedgerSync } from './ledger-sync.js';
import {
  type ActkitLedger,
  type ActkitWatcherRegistry,
  isTerminalLedgerStatus,
  type LedgerRecord,
  type TaskPoller,
} from './store.js';
import type { TaskHandleCodec } from './task-handle.js';
import type { ActkitServerClient, FollowTasksOptions, TaskSettlement } from './types.js';

export const defaultFollowTasks: Required<FollowTasksOptions> = {
  maxTasks: 100,
  scanIntervalMs: 30_000,
  settlementLeaseMs: 300_000,
};

/** Records per page of the unfinished walk. */
const scanPageSize = 100;

export interface TaskFollowerOptions {
  ledger: ActkitLedger;
  watchers: ActkitWatcherRegistry;
  poll: TaskPoller;
  client: ActkitServerClient;
  codec: TaskHandleCodec;
  onTaskSettled(settlement: TaskSettlement): void | Promise<void>;
  follow: FollowTasksOptions | false | undefined;
  onError(error: unknown): void;
}

export interface TaskFollower {
  /** Wires the ledger sync in (it tells the follower about terminal states any path sees). */
  attach(sync: LedgerSync): void;
  /** Starts following a task (a fresh create); a no-op when followed already, at capacity or closed. */
  track(owner: string, ref: CreatedTaskRef): void;
  /** Settles a task seen terminal (`task`), or read again when absent. */
  settle(owner: string, ref: CreatedTaskRef, task?: Task): void;
  close(): void;
}

/** The terminal task as the client would give it, rebuilt from the record when the provider cannot say. */
function taskFromRecord(record: LedgerRecord, taskId: string): TerminalTask {
  const base = { id: taskId, createdAt: record.createdAt, progress: record.progress, raw: undefined };
  if (record.status === 'SUCCEEDED') return { ...base, status: 'SUCCEEDED', output: record.output ?? [] };
  if (record.status === 'FAILED') {
    return {
      ...base,
      status: 'FAILED',
      failure: record.failure ?? 'The task failed.',
      failureCode: record.failureCode,
      retryable: record.retryable ?? false,
    };
  }
  return { ...base, status: 'CANCELLED' };
}

export function createTaskFollower(options: TaskFollowerOptions): TaskFollower {
  const { ledger, watchers, poll, client, codec, onError } = options;
  const follow = options.follow === false ? undefined : { ...defaultFollowTasks, ...options.follow };
  const leaseMs = follow?.settlementLeaseMs ?? defaultFollowTasks.settlementLeaseMs;
  const holderId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const following = new Map<string, () => void>(); // record id → leave the watcher
  const settling = new Set<string>();
  let sync: LedgerSync | undefined;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let scanning = false;

  const busy = () => following.size + settling.size;

  const settle = (owner: string, ref: CreatedTaskRef, seen?: Task) => {
    if (closed || settling.has(ref.recordId)) return;
    settling.add(ref.recordId);
    void (async () => {
      try {
        if (!(await ledger.claimSettlement(ref.recordId, holderId, leaseMs))) return;
        const record = await ledger.get(ref.recordId);
        if (!record || !isTerminalLedgerStatus(record.status)) return;
        let task = seen && isTerminal(seen) ? seen : undefined;
        if (!task) {
          // Read again: a repeat after a crash gets fresh output URLs (they expire).
          const read = await client.tasks.retrieve(ref.taskId).catch(() => undefined);
          task = read && isTerminal(read) ? read : taskFromRecord(record, ref.taskId);
        }
        await options.onTaskSettled({
          owner,
          handle: await codec.seal(ref, owner),
          task,
          settlementId: record.settlementId,
        });
        await ledger.completeSettlement(ref.recordId, holderId, new Date().toISOString());
      } catch (error) {
        onError(error); // not completed: the next scan calls again (at-least-once)
      } finally {
        settling.delete(ref.recordId);
      }
    })();
  };

  const track = (owner: string, ref: CreatedTaskRef) => {
    if (!follow || closed || following.has(ref.recordId) || busy() >= follow.maxTasks) return;
    let leave: (() => void) | undefined;
    let ended = false;
    const stop = () => {
      ended = true;
      leave?.();
      if (following.get(ref.recordId) === stop) following.delete(ref.recordId);
    };
    following.set(ref.recordId, stop);
    leave = watchers.subscribe(ref.taskId, poll, (event) => {
      if (ended) return;
      if (event.type === 'error') {
        // The loop ended without a terminal state (gone upstream, repeated failures): the next scan retries.
        onError(event.error);
        stop();
        return;
      }
      void sync?.observe(owner, ref, event.task);
      if (isTerminal(event.task)) stop();
    });
    // The registry may have delivered a terminal state synchronously, before `leave` existed.
    if (ended) leave();
  };

  const scan = async () => {
    if (!follow || closed || scanning) return;
    scanning = true;
    try {
      let cursor: string | undefined;
      do {
        const page = await ledger.listUnfinished({ limit: scanPageSize, cursor });
        for (const record of page.records) {
          if (closed || busy() >= follow.maxTasks) return;
          if (record.taskId === undefined) continue;
          const ref = { recordId: record.recordId, taskId: record.taskId };
          if (isTerminalLedgerStatus(record.status)) settle(record.owner, ref);
          else track(record.owner, ref);
        }
        cursor = page.cursor;
      } while (cursor !== undefined && !closed);
    } catch (error) {
      onError(error);
    } finally {
      scanning = false;
      schedule(follow.scanIntervalMs);
    }
  };

  const schedule = (delayMs: number) => {
    if (closed || !follow) return;
    clearTimeout(timer);
    timer = setTimeout(() => void scan(), delayMs);
    // A follower alone must not keep a process alive (tests, scripts); a server's socket does.
    (timer as { unref?: () => void }).unref?.();
  };

  schedule(0);

  return {
    attach(ledgerSync) {
      sync = ledgerSync;
    },
    track,
    settle,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const stop of [...following.values()]) stop();
      following.clear();
    },
  };
}
