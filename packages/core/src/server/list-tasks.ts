// GET /tasks: one page of the asking owner's ledger, newest first, each task with its handle. Keyset
// pagination on (createdAt, recordId) in the store; the position goes to the browser sealed (list-cursor.ts),
// so the walk is stable under concurrent creates and a tampered cursor is a 400, not another owner's page.
// Output URLs are listed only while they are fresh (output-freshness.ts): a record's links are as old as its
// last state write, and re-reading every listed task upstream would cost up to `limit` provider reads per
// page, so a SUCCEEDED task whose links may have expired is listed without `output`; the GET of its handle
// reads it again and answers fresh ones (and writes them to the record, so the list has them again).

import { currentStatus, recordToBrowserTask } from './ledger-view.js';
import type { ListCursorCodec } from './list-cursor.js';
import type { OutputsFreshUntil } from './output-freshness.js';
import { validationProblem } from './problem.js';
import type { ActkitLedger, LedgerPosition, LedgerRecord, LedgerStatus } from './store.js';
import type { TaskHandleCodec } from './task-handle.js';
import {
  type BrowserTaskStatus,
  cursorMessage,
  parseTaskListQuery,
  type RawQuery,
} from './task-list-query.js';
import type { ActkitJsonResponse } from './types.js';

export interface ListTasksOptions {
  ledger: ActkitLedger;
  codec: TaskHandleCodec;
  cursors: ListCursorCodec;
  /** A CREATING record older than this reads as UNKNOWN (see ledger-view.ts). */
  maxCreateMs: number;
  /** Until when a record's output URLs (written at its `updatedAt`) may be listed. */
  outputsFreshUntil: OutputsFreshUntil;
}

export type ListTasks = (owner: string, query: RawQuery) => Promise<ActkitJsonResponse>;

/**
 * The store statuses behind a browser status: an old CREATING record reads as UNKNOWN, so both filters
 * look at CREATING records and keep those whose current status matches.
 */
const storeStatuses = (status: BrowserTaskStatus): LedgerStatus[] =>
  status === 'UNKNOWN' ? ['UNKNOWN', 'CREATING'] : [status];

const positionOf = (record: LedgerRecord): LedgerPosition => ({
  createdAt: record.createdAt,
  recordId: record.recordId,
});

export function createListTasks(options: ListTasksOptions): ListTasks {
  const { ledger, codec, cursors, maxCreateMs, outputsFreshUntil } = options;

  /** Up to `wanted` records matching `status` after `before`, reading past the ones the status drops. */
  const collect = async (
    owner: string,
    wanted: number,
    before?: LedgerPosition,
    status?: BrowserTaskStatus,
  ) => {
    const now = Date.now();
    const found: LedgerRecord[] = [];
    for (;;) {
      const asked = wanted - found.length;
      const page = await ledger.list(owner, {
        limit: asked,
        before,
        ...(status ? { statuses: storeStatuses(status) } : {}),
      });
      for (const record of page) {
        if (!status || currentStatus(record, now, maxCreateMs).status === status) found.push(record);
      }
      // The owner's list is exhausted, or enough records matched.
      if (page.length < asked || found.length >= wanted) return found;
      before = positionOf(page.at(-1)!);
    }
  };

  return async (owner, rawQuery) => {
    const query = parseTaskListQuery(rawQuery);
    if (!query.ok) return validationProblem(query.issues);
    const { limit, status } = query.value;
    let before: LedgerPosition | undefined;
    if (query.value.cursor !== undefined) {
      before = await cursors.open(query.value.cursor, owner);
      if (!before) return validationProblem([{ path: 'cursor', message: cursorMessage }]);
    }
    // One more than asked: whether it exists says whether there is a next page.
    const records = await collect(owner, limit + 1, before, status);
    const page = records.slice(0, limit);
    const now = Date.now();
    const tasks = await Promise.all(
      page.map(async (record) => {
        const task = recordToBrowserTask(
          record,
          await codec.seal(
            { recordId: record.recordId, ...(record.taskId ? { taskId: record.taskId } : {}) },
            owner,
          ),
          now,
          maxCreateMs,
        );
        if (task.output && now > outputsFreshUntil(record.output, Date.parse(record.updatedAt))) {
          delete task.output;
        }
        return task;
      }),
    );
    const json: { tasks: typeof tasks; nextCursor?: string } = { tasks };
    if (records.length > limit) json.nextCursor = await cursors.seal(positionOf(page.at(-1)!), owner);
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      json,
    };
  };
}
