// How a ledger record reads to the browser (GET /tasks, and a handle whose attempt has no provider task
// yet): the contract's Task, built field by field, never the input, ids or provider text of an UNKNOWN.
import type { Task } from '../task.js';
import { browserFailure } from './browser-task.js';
import type { ActkitLedger, LedgerPatch, LedgerRecord, LedgerStatus } from './store.js';
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
  if (status === 'FAILED') Object.assign(view, browserFailure(record.failureCode, record.retryable ?? false));
  if (typeof record.seed === 'number') view.seed = record.seed;
  if (reason !== undefined) view.reason = reason;
  return view;
}

/**
 * Errors of a read that say nothing new about the task (core's polling loop waits through them): a status
 * word nobody knows, a SUCCEEDED without its output, a body that cannot be read as this task. By name, as
 * everywhere on the server (two copies of the classes in one app must both match).
 */
const noNewsErrors = new Set(['UnknownTaskStatusError', 'TaskOutputMissingError', 'UnreadableTaskError']);

/** True for an error a read should answer with the last known state rather than a 502. */
export const isNoNews = (error: unknown): boolean =>
  noNewsErrors.has(String((error as { name?: unknown } | null)?.name));

/**
 * The last state the ledger knows of `ref`'s task, for `handle`: its record as the browser sees it, or
 * PENDING (the task exists: the handle carries its id) when the record has no state of the provider's yet.
 */
export async function lastKnownTask(
  ledger: Pick<ActkitLedger, 'get'>,
  ref: { recordId: string },
  handle: string,
  maxCreateMs: number,
): Promise<BrowserTask> {
  const record = await ledger.get(ref.recordId);
  if (record && record.status !== 'CREATING' && record.status !== 'UNKNOWN') {
    return recordToBrowserTask(record, handle, Date.now(), maxCreateMs);
  }
  return {
    handle,
    status: 'PENDING',
    progress: 0,
    createdAt: record?.createdAt ?? new Date().toISOString(),
  };
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
