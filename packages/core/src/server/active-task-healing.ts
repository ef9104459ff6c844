// Which slots of a full active set belong to tasks that ended while nobody watched them, from what is known
// first: a record that is terminal has ended; a task read moments ago (the read cache: `maxStaleMs`, shared
// by instances through `store.tasks`, one upstream read per task however many ask at once) says whether it
// has. Only then is a task read upstream, once per slot; the caller runs this at most once per owner per
// `healIntervalMs`. Never freed: a slot whose record does not exist (yet: admit takes the slot a moment
// before the record is written, and a concurrent create must not free it), and attempts without a provider
// task (CREATING, UNKNOWN): their task may be running. Those slots lapse with their TTL, except a record
// still CREATING long after any create could have answered (its instance died mid-create): it reads as
// UNKNOWN, and like an UNKNOWN attempt's its slot counts `unconfirmedSlotTtlMs` more, then is freed.
import { isTerminal } from '../task.js';
import type { LedgerSync } from './ledger-sync.js';
import { type FindEndedAttempts, unconfirmedSlotTtlMs } from './owner-limits.js';
import { type ActkitLedger, isTerminalLedgerStatus } from './store.js';
import type { TaskReadCache } from './task-read-cache.js';

export function createEndedAttemptFinder(
  ledger: Pick<ActkitLedger, 'get'>,
  reads: Pick<TaskReadCache, 'read'>,
  sync: LedgerSync,
  /** The handler's `maxCreateMs`: a record still CREATING after it has lost its instance. */
  maxCreateMs: number,
  now: () => number = Date.now,
): FindEndedAttempts {
  return async (owner, recordIds) => {
    const ended = await Promise.all(
      recordIds.map(async (recordId) => {
        const record = await ledger.get(recordId);
        if (!record) return false;
        if (isTerminalLedgerStatus(record.status)) return true;
        if (record.taskId === undefined) {
          const age = now() - Date.parse(record.createdAt);
          return record.status === 'CREATING' && age > maxCreateMs + unconfirmedSlotTtlMs;
        }
        try {
          const task = await reads.read(record.taskId);
          await sync.observe(owner, { recordId, taskId: record.taskId }, task);
          return isTerminal(task);
        } catch (error) {
          // Gone upstream: it will never finish. Anything else: unsure, keep counting it.
          return (error as { name?: unknown }).name === 'NotFoundError';
        }
      }),
    );
    return recordIds.filter((_, index) => ended[index]);
  };
}
