// Get Task Details answers either a bare Runway task or CometAPI's envelope
// `{ code, message, data: { task_id, status: 'IN_PROGRESS', progress: '42%', …, data: <Runway task> } }`.
// The inner Runway task is the source of truth (it is what Runway said); the wrapper only fills gaps, e.g.
// early on when the inner object is still empty, or when it lacks progress.
//
// Gateways are loose about all of it (api-facts.md, "Gateways"): status words in any letter case and new
// ones, progress as a percent string, a number or nothing, no creation time, a "success" with no output. So
// every field is read defensively, and what cannot be read is either left to the polling loop (an unknown
// status word, a SUCCEEDED without output: typed errors it reads as "no news") or given an honest value
// (progress 0, createdAt = when the task was seen) — never a guess that ends a wait or dates a task 1970.
import { isRetryableFailure } from './failure-code.js';
import type { components } from './generated/cometapi-runway/types.gen.js';
import { providerError } from './http-error.js';
import type { Task, TaskStatus } from './task.js';
import { taskStatuses } from './task.js';
import { TaskOutputMissingError, UnknownTaskStatusError, UnreadableTaskError } from './task-answer-errors.js';

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

/** Every known word, upper case → Runway status: Runway's own six, then the wrapper's (from the spec). */
const knownStatusWords = new Map<string, TaskStatus>([
  ...taskStatuses.map((status) => [status, status] as const),
  ...(Object.entries(wrapperStatusToTaskStatus) as [string, TaskStatus][]),
]);

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmptyString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * A status word in any letter case (`success`, `In_Progress`, ` RUNNING `) → the Runway status; undefined
 * for a word nobody knows. The exact-case lookup first: Runway's own answers never pay for `toUpperCase`.
 */
function asStatus(value: unknown): TaskStatus | undefined {
  if (typeof value !== 'string') return undefined;
  return knownStatusWords.get(value) ?? knownStatusWords.get(value.trim().toUpperCase());
}

/** The largest progress a task that has not SUCCEEDED shows: 1 means done, and only SUCCEEDED is. */
export const maxUnfinishedProgress = 0.99;

/**
 * Progress in any form gateways send, as 0..1; undefined when it cannot be read. `'42%'` and `'42.5 %'`
 * are percent; a number (or numeric text) in 0..1 is a fraction (Runway's form), one in (1, 100] a percent
 * (some gateways send 0..100). Anything else (missing, `''`, `'NaN%'`, `'50%%'`, `-1`, `250`, an object) is
 * unreadable: the caller keeps what it knew (the polling loop keeps the last known progress).
 */
export function parseProgress(value: unknown): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (percent) {
      const fraction = Number(percent[1]) / 100;
      return fraction <= 1 ? fraction : undefined;
    }
    if (!/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return undefined;
    n = Number(value);
  } else return undefined;
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n <= 1) return n;
  return n <= 100 ? n / 100 : undefined;
}

/** Unix seconds (or ms, when the number is too large to be seconds) → ISO; undefined for 0 and junk. */
function unixTimeToIso(value: unknown): string | undefined {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  return new Date(n > 1e11 ? n : n * 1000).toISOString();
}

// Text that toISOString() itself would print for a valid date (days 01-28 only, so no month overflow such
// as 02-30 can hide in it): returned as is, the usual case (Runway sends exactly this form), without
// building a Date and a new string. Anything else takes the parse-and-print path.
const canonicalIso =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** An ISO time after the Unix epoch; undefined for junk and for the epoch itself (a zero, not a time). */
function isoOrUndefined(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (canonicalIso.test(value)) return value.startsWith('1970-01-01') ? undefined : value;
  const time = Date.parse(value);
  return Number.isNaN(time) || time <= 0 ? undefined : new Date(time).toISOString();
}

/** Is this body the wrapped envelope? (`data` holds an object with `task_id`, a status or a `data`.) */
function unwrap(body: Loose): { inner: Loose; wrapper: Loose | undefined } {
  const data = body.data;
  if (isObject(data) && ('task_id' in data || 'status' in data || 'data' in data)) {
    return { inner: isObject(data.data) ? data.data : {}, wrapper: data };
  }
  return { inner: body, wrapper: undefined };
}

/** What a body that is not an object is, in a word (for UnreadableTaskError). */
function kindOf(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'a list';
  return `a ${typeof body}`;
}

/**
 * The id of the task the body describes: the inner Runway `id` or the wrapper's `task_id` (a gateway's own
 * id may differ from Runway's; either names the task). With `requestedId`, the body must name that task
 * and the task keeps that id. Throws UnreadableTaskError when it names no task (a gateway error when the
 * body carries a message or a code other than `success`) or another one.
 */
function taskIdOf(body: Loose, inner: Loose, wrapper: Loose | undefined, requestedId?: string): string {
  const innerId = nonEmptyString(inner.id);
  const wrapperId = nonEmptyString(wrapper?.task_id);
  if (!innerId && !wrapperId) {
    const { code, message } = providerError(body);
    const said = [code === 'success' ? undefined : code, message].filter(Boolean).join(': ');
    throw new UnreadableTaskError(requestedId, said ? 'gateway-error' : 'no-task-id', said || undefined, {
      body,
    });
  }
  if (requestedId === undefined) return (innerId ?? wrapperId) as string;
  if (innerId === requestedId || wrapperId === requestedId) return requestedId;
  const named = (innerId ?? wrapperId ?? '').slice(0, 80);
  throw new UnreadableTaskError(requestedId, 'other-task', `it names ${named}`, { body });
}

/** Options of `normalizeTask`. */
export interface NormalizeTaskOptions {
  /**
   * The creation time (ISO) to use when the body has none (no `createdAt`, no `submit_time`/`start_time`,
   * or only zeros). Default: the time of this call, i.e. when the task was seen. The polling loop passes the
   * `createdAt` of its first read, so the value stays the same across polls.
   */
  fallbackCreatedAt?: string;
  /** The id that was asked for: errors about a body that names no task carry it as `taskId`. */
  requestedId?: string;
}

/**
 * Normalises a Get Task Details body (bare or wrapped) into one `Task`. Pure apart from reading the clock
 * when the body has no creation time.
 *
 * - Status words match case-insensitively; inner Runway status first, then the wrapper's.
 * - `progress`: see `parseProgress`; unreadable → 0 here (the polling loop keeps the last known instead);
 *   at most 0.99 until SUCCEEDED, exactly 1 at SUCCEEDED.
 * - `createdAt`: the inner `createdAt`, else the wrapper's `submit_time`, then `start_time`, else
 *   `options.fallbackCreatedAt`, else now. Never the Unix epoch.
 *
 * - `failureCode`: upper case (`third_party.unavailable` → `THIRD_PARTY.UNAVAILABLE`), so
 *   `isRetryableFailure` and every consumer see one spelling.
 * - The task's `id`: `options.requestedId` when given (the body must name that task, by its inner `id` or
 *   the wrapper's `task_id`), else the inner `id`, else the wrapper's `task_id`.
 *
 * Throws `UnreadableTaskError` when the body is not an object, names no task (a gateway error in a 200
 * among them, its message kept), or names another task than `requestedId`; `UnknownTaskStatusError` when
 * it names the task but no status the client knows; `TaskOutputMissingError` for a SUCCEEDED without any
 * output URL (all three are `UnexpectedResponseError`s, with `taskId` when known).
 */
export function normalizeTask(body: unknown, options: NormalizeTaskOptions = {}): Task {
  const taskId = options.requestedId;
  if (!isObject(body)) {
    throw new UnreadableTaskError(taskId, 'not-an-object', kindOf(body), { body });
  }
  const { inner, wrapper } = unwrap(body);
  const id = taskIdOf(body, inner, wrapper, taskId);
  const status = asStatus(inner.status) ?? asStatus(wrapper?.status);
  if (!status) {
    const word = nonEmptyString(inner.status) ?? nonEmptyString(wrapper?.status) ?? '';
    throw new UnknownTaskStatusError(id, word, { body });
  }
  const createdAt =
    isoOrUndefined(inner.createdAt) ??
    unixTimeToIso(wrapper?.submit_time) ??
    unixTimeToIso(wrapper?.start_time) ??
    options.fallbackCreatedAt ??
    new Date().toISOString();
  // Object literals, not `{ ...base, … }`: a spread copies through V8's slow path (~2 µs a task).
  if (status === 'SUCCEEDED') {
    const output = Array.isArray(inner.output)
      ? inner.output.filter((url): url is string => typeof url === 'string' && url.length > 0)
      : [];
    if (output.length === 0) throw new TaskOutputMissingError(id, { body });
    return { id, createdAt, raw: body, status, progress: 1, output: output as [string, ...string[]] };
  }
  const read = parseProgress(inner.progress) ?? parseProgress(wrapper?.progress) ?? 0;
  const progress = Math.min(read, maxUnfinishedProgress);
  if (status === 'FAILED') {
    // One spelling for every consumer (isRetryableFailure, explainFailure, the server, the browser):
    // Runway's codes are upper case (`THIRD_PARTY.UNAVAILABLE`); gateways pass some on in lower case.
    const failureCode = nonEmptyString(inner.failureCode)?.trim().toUpperCase() || undefined;
    const failure =
      nonEmptyString(inner.failure) ?? nonEmptyString(wrapper?.fail_reason) ?? failureCode ?? 'Task failed';
    const retryable = isRetryableFailure(failureCode);
    return { id, createdAt, raw: body, status, progress, failure, failureCode, retryable };
  }
  return { id, createdAt, raw: body, status, progress };
}
