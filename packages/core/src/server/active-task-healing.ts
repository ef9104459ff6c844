// Which slots of a full active set belong to tasks that ended while nobody watched them: a record that is
// terminal or gone, or whose provider task reads as terminal (or no longer exists). At most one upstream
// GET per slot, and only when the set is full. Attempts without a provider task (CREATING, UNKNOWN) keep
// their slot until it expires: their task may be running.
import { isTerminal } from '../task.js';
import type { LedgerSync } from './ledger-sync.js';
import type { FindEndedAttempts } from './owner-limits.js';
import { type ActkitLedger, isTerminalLedgerStatus } from './store.js';
import type { ActkitServerClient } from './types.js';

export function createEndedAttemptFinder(
  ledger: ActkitLedger,
  client: ActkitServerClient,
  sync: LedgerSync,
): FindEndedAttempts {
  return async (owner, recordIds) => {
    const ended = await Promise.all(
      recordIds.map(async (recordId) => {
        const record = await ledger.get(recordId);
        if (!record || isTerminalLedgerStatus(record.status)) return true;
        if (record.taskId === undefined) return false;
        try {
          const task = await client.tasks.retrieve(record.taskId);
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
