// The query of GET /tasks (`cursor`, `limit`, `status`), checked against the contract's generated schemas
// with messages that name the parameter in plain words. Unknown parameters are ignored, as HTTP APIs do.

import type { ValidationIssue } from '../errors.js';
import { fieldMessages } from '../field-messages.js';
import { taskListLimitDefault } from '../generated/actkit-server/defaults.gen.js';
import {
  zAttemptStatus,
  zTaskListCursor,
  zTaskListLimit,
  zTaskStatus,
} from '../generated/actkit-server/zod.gen.js';
import type { BrowserTask } from './types.js';

export type BrowserTaskStatus = BrowserTask['status'];

export interface TaskListQuery {
  /** The sealed cursor as given (opened by the caller, which knows the owner). */
  cursor?: string;
  limit: number;
  status?: BrowserTaskStatus;
}

/** Every status the list can filter on, from the contract. */
const browserTaskStatuses: readonly BrowserTaskStatus[] = [...zTaskStatus.options, ...zAttemptStatus.options];

const limitSchema = zTaskListLimit.unwrap();
const minLimit = limitSchema.minValue ?? 1;
const maxLimit = limitSchema.maxValue ?? 100;

/** The query string (with or without `?`), or search params. */
export type RawQuery = string | URLSearchParams | undefined;

export function parseTaskListQuery(
  raw: RawQuery,
): { ok: true; value: TaskListQuery } | { ok: false; issues: ValidationIssue[] } {
  const params = raw instanceof URLSearchParams ? raw : new URLSearchParams(raw ?? '');
  const issues: ValidationIssue[] = [];
  const single = (name: string) => {
    const values = params.getAll(name);
    if (values.length > 1) issues.push({ path: name, message: fieldMessages.once(values.length) });
    return values[0];
  };
  const value: TaskListQuery = { limit: taskListLimitDefault };

  const limit = single('limit');
  if (limit !== undefined) {
    const parsed = /^\d+$/.test(limit) ? zTaskListLimit.safeParse(Number(limit)) : undefined;
    if (parsed?.success) value.limit = parsed.data;
    else issues.push({ path: 'limit', message: fieldMessages.wholeNumberFrom(minLimit, maxLimit) });
  }

  const status = single('status');
  if (status !== undefined) {
    if ((browserTaskStatuses as readonly string[]).includes(status))
      value.status = status as BrowserTaskStatus;
    else issues.push({ path: 'status', message: fieldMessages.oneOf(browserTaskStatuses) });
  }

  const cursor = single('cursor');
  if (cursor !== undefined) {
    if (zTaskListCursor.safeParse(cursor).success) value.cursor = cursor;
    else issues.push({ path: 'cursor', message: cursorMessage });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

/** What a cursor this server did not issue (to this owner) is told (read after the parameter's name). */
export const cursorMessage = fieldMessages.cursor();
