// Retry delays: exponential backoff with full jitter (delay = random(0, min(max, base·2^attempt))), which
// spreads many clients' retries instead of having them hit a recovering server in lock-step. When the
// provider says how long to wait (Retry-After in seconds or as an HTTP date, or retry-after-ms), that wins.
// A wait longer than `maxRetryAfterMs` is not slept at all: the transport throws at once with the wait the
// provider asked for (`retryAfterMs`), so a caller (and a browser behind an adapter) hears "come back in
// 2 minutes" now instead of being parked for a minute, retried, and failed anyway.

/** Tunes retry delays. Tests shrink these; production rarely needs to. */
export interface BackoffOptions {
  /** First retry waits up to this long (ms); each further retry doubles it. Default 500. */
  baseMs?: number;
  /** Upper bound of a jittered delay (ms). Default 20 000. */
  maxMs?: number;
  /**
   * The longest provider-requested wait (Retry-After, retry-after-ms) the client sleeps before retrying.
   * A longer one is not retried: RateLimitError (429) or ServerError (5xx) is thrown at once with
   * `retryAfterMs` = the provider's wait. Default 60 000.
   */
  maxRetryAfterMs?: number;
}

export const defaultBackoff: Required<BackoffOptions> = {
  baseMs: 500,
  maxMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/** Full-jitter delay for retry number `attempt` (0 = first retry). */
export function fullJitterDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { baseMs, maxMs } = { ...defaultBackoff, ...options };
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

/**
 * How long the provider asked to wait, in ms: `retry-after-ms` (milliseconds), else `Retry-After` as
 * delta-seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The delay before retry number `attempt`: the provider's wish (capped at `maxRetryAfterMs`; the transport
 * does not retry past the cap, see `exceedsRetryAfterCap`) or full jitter.
 */
export function retryDelay(
  attempt: number,
  headers: Headers | undefined,
  options: BackoffOptions = {},
): number {
  const { maxRetryAfterMs } = { ...defaultBackoff, ...options };
  const asked = headers ? parseRetryAfter(headers) : undefined;
  if (asked !== undefined) return Math.min(asked, maxRetryAfterMs);
  return fullJitterDelay(attempt, options);
}

/** Whether the provider asked for a longer wait (ms) than the client may sleep before a retry. */
export function exceedsRetryAfterCap(askedMs: number | undefined, options: BackoffOptions = {}): boolean {
  const { maxRetryAfterMs } = { ...defaultBackoff, ...options };
  return askedMs !== undefined && askedMs > maxRetryAfterMs;
}
