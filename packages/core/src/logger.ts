// The logging hook. The client never logs by itself: pass a console-like object or a function to see
// requests, retries and timings. Every header handed to the logger went through `redactHeaders`.

/** Log levels the client uses: debug (each request/response), warn (retries), error (given-up requests). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured details of a log line (method, url, redacted headers, status, attempt, delayMs, requestId…). */
export type LogMeta = Record<string, unknown>;

/** A console-like object (any subset of levels) or one function receiving the level. */
export type ActkitLogger =
  | Partial<Record<LogLevel, (message: string, meta?: LogMeta) => void>>
  | ((level: LogLevel, message: string, meta?: LogMeta) => void);

/** Calls the logger, swallowing its failures: a broken logger must not break a request. */
export function log(
  logger: ActkitLogger | undefined,
  level: LogLevel,
  message: string,
  meta?: LogMeta,
): void {
  if (!logger) return;
  try {
    if (typeof logger === 'function') logger(level, message, meta);
    else logger[level]?.(message, meta);
  } catch {
    // ignore
  }
}
