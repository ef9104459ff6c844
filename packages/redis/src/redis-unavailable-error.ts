// What every store call throws when Redis cannot answer in time: the handler turns any store failure into a
// 503 problem with Retry-After and sends no paid create, so a failure must come quickly and say so plainly.

/**
 * Redis did not answer an operation within `operationTimeoutMs`, refused it, or the client is offline
 * (reconnecting). `operation` names the store call (e.g. `counters.hit`); `cause` is the client's error.
 * It carries `status: 503` and `retryAfterMs` for code that maps errors to HTTP answers.
 */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  /** The HTTP status an answer caused by this error should have. */
  readonly status = 503;
  /** How long to suggest waiting before trying again, in ms. */
  readonly retryAfterMs: number;
  /** The store call that failed, e.g. `counters.hit`. */
  readonly operation: string;

  constructor(operation: string, cause: unknown, retryAfterMs = 1000) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Redis is unavailable (${operation}): ${reason}`, { cause });
    this.operation = operation;
    this.retryAfterMs = retryAfterMs;
  }
}
