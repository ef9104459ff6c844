// Every error @actkit/core throws is an ActkitError, so `catch (e) { if (e instanceof ActkitError) … }` is
// exhaustive. Errors carry what a caller needs to act (status, provider code, request id, body) and never
// the request headers, so the API key cannot leak through a message, a stack or JSON.stringify(error).
// Every error that concerns one task (a read of it, its failure, its timeout, its missing output) carries
// the task's id as `taskId`, so a caller can log it or look the task up without parsing a message.

/** What an error knows about the HTTP exchange that caused it. */
export interface ActkitErrorDetails {
  /** HTTP status of the provider's answer, when there was one. */
  status?: number;
  /** The provider's machine-readable code (`error.code`, or `code` of a task_not_exist body). */
  code?: string;
  /** The request id from `x-request-id`, `request-id` or `cf-ray`, when the answer had one. */
  requestId?: string;
  /** The provider's response body (parsed JSON, or the text when it was not JSON). */
  body?: unknown;
  /** The id of the task the failed call concerned (a read of it, a wait for it), when there is one. */
  taskId?: string;
  /** The underlying error. Not serialised by JSON.stringify. */
  cause?: unknown;
}

/** Base class of every error thrown by @actkit/core. */
export class ActkitError extends Error {
  override name = 'ActkitError';
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly body: unknown;
  /** The task this error concerns (retrieve, watch, wait, run after the create), when there is one. */
  readonly taskId: string | undefined;

  constructor(message: string, details: ActkitErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.body = details.body;
    this.taskId = details.taskId;
  }

  /** A plain, key-free view for logs: name, message, status, code, request id, task id and body. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      taskId: this.taskId,
      body: this.body,
    };
  }
}

/** One invalid field: `path` like `expressionIntensity` or `character.uri`, and why it is invalid. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * The input is invalid. Thrown before any request is sent (status undefined) when core's own validation
 * fails, and for a provider 400 or a 500 whose code is `invalid_request` (the caller's fault; not retried).
 */
export class ActkitValidationError extends ActkitError {
  override name = 'ActkitValidationError';
  /** Every invalid field, not just the first. */
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], details: ActkitErrorDetails = {}, message?: string) {
    super(
      message ?? `Invalid input: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      details,
    );
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** 401: the API key is missing or wrong. Never retried. */
export class AuthenticationError extends ActkitError {
  override name = 'AuthenticationError';
}

/** 403: the key may not use this route. Never retried. */
export class PermissionDeniedError extends ActkitError {
  override name = 'PermissionDeniedError';
}

/** 404, or a `task_not_exist` answer that outlived the grace period: no such task or route. */
export class NotFoundError extends ActkitError {
  override name = 'NotFoundError';
}

/**
 * 429: rate limited or saturated, after the retries allowed were spent, or at once when the provider asked
 * for a longer wait (`Retry-After`, `retry-after-ms`) than `backoff.maxRetryAfterMs` allows the client to
 * sleep.
 */
export class RateLimitError extends ActkitError {
  override name = 'RateLimitError';
  /**
   * How long the provider asked to wait before trying again, in ms, from its `retry-after-ms` or
   * `Retry-After` (delta-seconds or an HTTP date), as asked: not capped at what the client would have slept.
   * Undefined when the provider said nothing (choose your own wait then; the client's retries with backoff
   * have already been spent).
   */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: ActkitErrorDetails & { retryAfterMs?: number } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/**
 * 5xx from the provider, after the retries allowed were spent (or at once when it asked for a longer wait
 * than `backoff.maxRetryAfterMs`).
 */
export class ServerError extends ActkitError {
  override name = 'ServerError';
  /**
   * How long the provider asked to wait before trying again (a 503 "saturated" usually says), in ms, as on
   * RateLimitError; undefined when it said nothing.
   */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: ActkitErrorDetails & { retryAfterMs?: number } = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** The provider could not be reached, or the connection broke before a full answer arrived. */
export class ConnectionError extends ActkitError {
  override name = 'ConnectionError';
}

/** One HTTP request took longer than its `timeoutMs`. */
export class RequestTimeoutError extends ActkitError {
  override name = 'RequestTimeoutError';
}

/**
 * The answer was not what the API speaks: a redirect, an HTML page, or JSON of an unknown shape. On a read,
 * an empty or non-JSON 200 is retried like a 5xx first; this is thrown when the retries are spent.
 */
export class UnexpectedResponseError extends ActkitError {
  override name = 'UnexpectedResponseError';
}

/** The caller's AbortSignal fired. */
export class ActkitAbortError extends ActkitError {
  override name = 'ActkitAbortError';
  /**
   * True when a create request was already on the wire when the abort came: the provider may have started
   * (and will bill) the task. Check your task list before creating again.
   */
  readonly taskMayExist: boolean;
  constructor(
    message = 'The operation was aborted',
    details: ActkitErrorDetails & { taskMayExist?: boolean } = {},
  ) {
    super(message, details);
    this.taskMayExist = details.taskMayExist ?? false;
  }
}

/**
 * A create request failed in a way that does not tell whether the provider started the task (timeout or
 * reset after the request was sent, 500/502/504, an unreadable 200). Create is paid, so it is NOT retried:
 * look the task up before creating again. `cause` holds the underlying error (ServerError,
 * RequestTimeoutError, ConnectionError or UnexpectedResponseError).
 */
export class TaskMayExistError extends ActkitError {
  override name = 'TaskMayExistError';
  /** The request body that was sent (no credentials), so the task can be recognised or re-sent on purpose. */
  readonly input: unknown;
  /** When the request was sent (ISO time): a task created then may appear in the provider's dashboard. */
  readonly sentAt: string;
  constructor(message: string, details: ActkitErrorDetails & { input?: unknown; sentAt: string }) {
    super(message, details);
    this.input = details.input;
    this.sentAt = details.sentAt;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), sentAt: this.sentAt };
  }
}
