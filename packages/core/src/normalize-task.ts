// Get Task Details answers either a bare Runway task or CometAPI's envelope
// `{ code, message, data: { task_id, status: 'IN_PROGRESS', progress: '42%', …, data: <Runway task> } }`.
// The inner Runway task is the source of truth (it is what Runway said); the wrapper only fills gaps, e.g.
// early on when the inner object is still empty, or when it lacks progress.
import { UnexpectedResponseError } from './errors.js';
import { isRetryableFailure } from './failure-code.js';
import type { components } from './generated/cometapi-runway/types.gen.js';
import type { Task, TaskStatus } from './task.js';
import { taskStatuses } from './task.js';

type WrapperStatus = components['schemas']['WrapperStatus'];

/** CometAPI's wrapper statuses mapped onto Runway's (exhaustive over the generated enum). */
const wrapperStatusToTaskStatus: Record<WrapperStatus, TaskStatus> = {
  NOT_START: 'PENDING',
  SUBMITTED: 'PENDING',
  QUEUED: 'PENDING',
  IN_PROGRESS: 'RUNNING',
  SUCCESS: 'SUCCEEDED',
  FAILURE: 'FAILED',
  // Not a final answer: keep waiting rather than guess.
  UNKNOWN: 'PENDING',
};

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmptyString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

function asTaskStatus(value: unknown): TaskStatus | undefined {
  return typeof value === 'string' && (taskStatuses as readonly string[]).includes(value)
    ? (value as TaskStatus)
    : undefined;
}

function asWrapperStatus(value: unknown): TaskStatus | undefined {
  return typeof value === 'string' && Object.hasOwn(wrapperStatusToTaskStatus, value)
    ? wrapperStatusToTaskStatus[value as WrapperStatus]
    : undefined;
}

/** '42%' → 0.42, 0.42 → 0.42; anything else → undefined. Clamped to 0..1. */
function parseProgress(value: unknown): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (match) n = Number(match[1]) / 100;
  }
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Math.min(1, Math.max(0, n));
}

function unixSecondsToIso(value: unknown): string | undefined {
  return typeof value === 'number' && value > 0 ? new Date(value * 1000).toISOString() : undefined;
}

// Text that toISOString() itself would print for a valid date (days 01-28 only, so no month overflow such
// as 02-30 can hide in it): returned as is, the usual case (Runway sends exactly this form), without
// building a Date and a new string. Anything else takes the parse-and-print path.
const canonicalIso =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const epochIso = new Date(0).toISOString();

function isoOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (canonicalIso.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Is this body the wrapped envelope? (`data` holds an object with `task_id` or a wrapper status.) */
function unwrap(body: Loose): { inner: Loose; wrapper: Loose | undefined } {
  const data = body.data;
  if (isObject(data) && ('task_id' in data || asWrapperStatus(data.status) !== undefined || 'data' in data)) {
    return { inner: isObject(data.data) ? data.data : {}, wrapper: data };
  }
  return { inner: body, wrapper: undefined };
}

/**
 * Normalises a Get Task Details body (bare or wrapped) into one `Task`. Pure. Throws
 * `UnexpectedResponseError` when the body has neither a task id nor a status.
 *
 * `createdAt` falls back to the wrapper's `submit_time`, then to the Unix epoch when nobody said.
 */
export function normalizeTask(body: unknown): Task {
  if (!isObject(body)) {
    throw new UnexpectedResponseError('Task details are not a JSON object', { body });
  }
  const { inner, wrapper } = unwrap(body);
  const id = nonEmptyString(inner.id) ?? nonEmptyString(wrapper?.task_id);
  const status = asTaskStatus(inner.status) ?? asWrapperStatus(wrapper?.status);
  if (!id || !status) {
    throw new UnexpectedResponseError(
      `Task details lack ${id ? 'a known status' : 'a task id'}; is the base URL right?`,
      { body },
    );
  }
  const createdAt =
    isoOrUndefined(inner.createdAt) ??
    unixSecondsToIso(wrapper?.submit_time) ??
    unixSecondsToIso(wrapper?.start_time) ??
    epochIso;
  const progress = parseProgress(inner.progress) ?? parseProgress(wrapper?.progress) ?? 0;
  // Object literals, not `{ ...base, … }`: a spread copies through V8's slow path (~2 µs a task).
  switch (status) {
    case 'SUCCEEDED': {
      const output = Array.isArray(inner.output)
        ? inner.output.filter((url): url is string => typeof url === 'string')
        : [];
      return { id, createdAt, raw: body, status, progress: 1, output };
    }
    case 'FAILED': {
      const failureCode = nonEmptyString(inner.failureCode);
      const failure =
        nonEmptyString(inner.failure) ?? nonEmptyString(wrapper?.fail_reason) ?? failureCode ?? 'Task failed';
      const retryable = isRetryableFailure(failureCode);
      return { id, createdAt, raw: body, status, progress, failure, failureCode, retryable };
    }
    default:
      return { id, createdAt, raw: body, status, progress };
  }
}
