// How a ledger record reads to the browser (GET /tasks, and a handle whose attempt has no provider task
// yet): the contract's Task, built field by field, never the input, ids or provider text of an UNKNOWN.
import type { Task } from '../task.js';
import type { LedgerPatch, LedgerRecord, LedgerStatus } from './store.js';
import type { BrowserTask } from './types.js';

/** Why an attempt is UNKNOWN, in actkit's own words (never the provider's). */
export const unknownReasons = {
  /** The create failed in a way that does not tell whether the provider started the task. */
  notConfirmed: 'The video provider did not confirm this task; it may have been created anyway.',
  /** A CREATING record outlived the longest a create can take: its server stopped mid-create. */
  serverStopped: 'The server stopped while starting this task; it may have been created anyway.',
} as const;

/**
 * The status a record reads as now: a CREATING record older than `maxCreateMs` is UNKNOWN (the instance
 * that wrote it died while its create was in flight, so nobody will ever record the answer).
 */
export function currentStatus(
  record: Pick<LedgerRecord, 'status' | 'createdAt' | 'reason'>,
  now: number,
  maxCreateMs: number,
): { status: LedgerStatus; reason?: string } {
  if (record.status === 'CREATING' && now - Date.parse(record.createdAt) > maxCreateMs) {
    return { status: 'UNKNOWN', reason: unknownReasons.serverStopped };
  }
  if (record.status === 'UNKNOWN')
    return { status: 'UNKNOWN', reason: record.reason ?? unknownReasons.notConfirmed };
  return { status: record.status };
}

/** The browser's view of a record, with `handle` (sealed by the caller for the record's owner). */
export function recordToBrowserTask(
  record: LedgerRecord,
  handle: string,
  now: number,
  maxCreateMs: number,
): BrowserTask {
  const { status, reason } = currentStatus(record, now, maxCreateMs);
  const view: BrowserTask = {
    handle,
    status,
    progress: Math.min(1, Math.max(0, record.progress)),
    createdAt: record.createdAt,
  };
  if (status === 'SUCCEEDED' && record.output) view.output = [...record.output];
  if (status === 'FAILED') {
    view.failure = record.failure ?? 'The task failed.';
    if (record.failureCode !== undefined) view.failureCode = record.failureCode;
    view.retryable = record.retryable ?? false;
  }
  if (reason !== undefined) view.reason = reason;
  return view;
}

/** The ledger patch for a task state read from the provider. */
export function statePatch(taskId: string, task: Task, updatedAt: string): LedgerPatch {
  const patch: LedgerPatch = {
    taskId,
    status: task.status,
    progress: Math.min(1, Math.max(0, task.progress)),
    updatedAt,
  };
  if (task.status === 'SUCCEEDED') patch.output = [...task.output];
  if (task.status === 'FAILED') {
    patch.failure = task.failure;
    if (task.failureCode !== undefined) patch.failureCode = task.failureCode;
    patch.retryable = task.retryable;
  }
  return patch;
}
