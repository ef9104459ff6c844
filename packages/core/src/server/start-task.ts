// POST /character-performances after validation: admit → record → create → record the answer. The ledger
// record is written BEFORE the paid request leaves, so whatever happens next (the browser leaves, the
// answer is lost, this process dies, the outcome is ambiguous) the owner can find the attempt in
// GET /tasks. A store that cannot answer stops everything before the create: no paid task without a record.

import { toLedgerInput } from './ledger-input.js';
import { unknownReasons } from './ledger-view.js';
import type { LimitDecision, OwnerLimits } from './owner-limits.js';
import { problemResponse, problemTypes } from './problem.js';
import { toBase64Url } from './sealed-token.js';
import type { ActkitLedger, LedgerRecord } from './store.js';
import type { TaskHandleCodec, TaskRef } from './task-handle.js';
import type { ActkitJsonResponse, ActkitServerClient, CharacterPerformanceInput } from './types.js';

export interface StartTaskOptions {
  client: ActkitServerClient;
  /** See `ActkitHandlerOptions.maxCreateRetryWaitMs`. */
  maxRetryWaitMs: number;
  ledger: ActkitLedger;
  limits: OwnerLimits;
  codec: TaskHandleCodec;
  /**
   * Whether tasks started now are settled (`onTaskSettled` is set). When not, their records are marked
   * `settlement: 'none'`: never in the unfinished walk, never settled, even by a later `onTaskSettled`.
   */
  settles: boolean;
  /** Told about every created task (the follower, when `onTaskSettled` is set). */
  onCreated?(owner: string, ref: Required<TaskRef>): void;
  onError(error: unknown): void;
}

/** The 429 problem of a create a limit denied. */
const limitProblem = (decision: Extract<LimitDecision, { allowed: false }>) =>
  problemResponse(429, decision.reason, {
    type: problemTypes.rateLimited,
    retryAfterSeconds: decision.retryAfterMs / 1000,
  });

/** 128 random bits, URL-safe: record ids and settlement ids. */
export const randomId = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));

/** Starts one task for `owner` from a validated input; throws the create's error (mapped by the caller). */
export type StartTask = (owner: string, input: CharacterPerformanceInput) => Promise<ActkitJsonResponse>;

export function createStartTask(options: StartTaskOptions): StartTask {
  const { client, ledger, limits, codec, onError } = options;
  const quietly = (work: Promise<unknown>) => work.catch(onError);

  return async (owner, input) => {
    const recordId = randomId();
    const ledgerInput = await toLedgerInput(input);
    // Store failures throw from here on (→ 503 by the handler) until the record exists; no create is sent.
    const decision = await limits.admit(owner, recordId);
    if (!decision.allowed) return limitProblem(decision);
    const createdAt = new Date().toISOString();
    const record: LedgerRecord = {
      recordId,
      owner,
      createdAt,
      updatedAt: createdAt,
      status: 'CREATING',
      progress: 0,
      input: ledgerInput,
      settlementId: randomId(),
    };
    if (typeof input.seed === 'number') record.seed = input.seed;
    if (!options.settles) record.settlement = 'none';
    let confirmed: LimitDecision;
    try {
      await ledger.insert(record);
      // The record exists: the slot now lives as long as a task may run (see owner-limits.ts).
      confirmed = await limits.confirm(owner, recordId);
    } catch (error) {
      await quietly(ledger.delete(recordId));
      await quietly(limits.release(owner, recordId));
      throw error;
    }
    if (!confirmed.allowed) {
      // The slot lapsed before the record was written (a store slower than a minute) and others took it.
      await quietly(ledger.delete(recordId));
      return limitProblem(confirmed);
    }

    let taskId: string;
    let seed = input.seed;
    try {
      // No request signal: a browser leaving must not abort a paid create already on its way (it would turn
      // a task into an ambiguous one). The client's own timeout bounds it.
      const created = await client.characterPerformance.create(input, {
        maxRetryWaitMs: options.maxRetryWaitMs,
      });
      taskId = created.id;
      // The seed sent (the browser's, or the random one validation drew): reported so a result can be
      // reproduced. Only the create's answer carries it; the provider's task reads do not.
      seed = created.seed ?? seed;
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'TaskMayExistError') {
        // The task may be running: the record says so, and its slot is held a while (the task may count
        // against the owner's concurrency) but not for the hour a running task's is: nobody will ever see
        // it end, and three ambiguous creates must not lock the owner out for an hour.
        await quietly(
          ledger.update(recordId, {
            status: 'UNKNOWN',
            reason: unknownReasons.notConfirmed,
            updatedAt: new Date().toISOString(),
          }),
        );
        await quietly(limits.holdUnconfirmed(owner, recordId));
      } else {
        // Every other create error means no task was started (the client retries only then, and throws
        // TaskMayExistError otherwise): nothing to list, nothing to count.
        await quietly(ledger.delete(recordId));
        await quietly(limits.release(owner, recordId));
      }
      throw error;
    }

    const ref = { recordId, taskId };
    // The task exists and is paid for: answer it even if this write fails (the handle carries the task id,
    // and the next read of it writes the id into the record).
    await quietly(
      ledger.update(recordId, {
        taskId,
        status: 'PENDING',
        progress: 0,
        ...(typeof seed === 'number' ? { seed } : {}),
        updatedAt: new Date().toISOString(),
      }),
    );
    options.onCreated?.(owner, ref);
    const handle = await codec.seal(ref, owner);
    // The contract answers the first state; retrieving it here would cost a GET per create and can meet the
    // provider's brief task_not_exist window, so a created task starts as PENDING at progress 0.
    return {
      status: 202,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      json: { task: { handle, status: 'PENDING', progress: 0, createdAt, seed } },
    };
  };
}
