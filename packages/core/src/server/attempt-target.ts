// What a handle points at, resolved: a provider task (the handle carries its id, or the ledger record has
// it by now), or a create attempt with no provider task (CREATING, UNKNOWN), answered from its record.
import type { CreatedTaskRef } from './ledger-sync.js';
import { recordToBrowserTask } from './ledger-view.js';
import type { ActkitLedger, LedgerRecord } from './store.js';
import type { TaskRef } from './task-handle.js';

export type AttemptTarget = { ref: CreatedTaskRef } | { record: LedgerRecord };

/**
 * The target of an opened handle, or undefined (404) when the record is gone or not `owner`'s. A handle
 * with a task id needs no lookup: any instance with the secret serves it, as before the ledger existed.
 */
export async function resolveTarget(
  ledger: ActkitLedger,
  ref: TaskRef,
  owner: string,
): Promise<AttemptTarget | undefined> {
  if (ref.taskId !== undefined) return { ref: { recordId: ref.recordId, taskId: ref.taskId } };
  const record = await ledger.get(ref.recordId);
  // The owner is sealed into the handle already; the record saying otherwise would be a store bug.
  if (!record || record.owner !== owner) return undefined;
  if (record.taskId !== undefined) return { ref: { recordId: record.recordId, taskId: record.taskId } };
  return { record };
}

/** The one `data:` event of an attempt without a provider task; the stream then ends (read it again later). */
export async function* attemptEvents(
  record: LedgerRecord,
  handle: string,
  maxCreateMs: number,
): AsyncIterable<string> {
  yield `data: ${JSON.stringify(recordToBrowserTask(record, handle, Date.now(), maxCreateMs))}\n\n`;
}
