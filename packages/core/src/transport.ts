// OUR transport, plugged into openapi-fetch through its `fetch` option: openapi-fetch builds typed requests
// (URL, path params, JSON body, headers) and hands us a Request; we add the key, then own everything that
// makes a call robust: per-request timeouts, abort at once, retries by the retry policy with backoff, and
// turning every non-success (HTTP error, redirect, HTML page, broken connection) into a typed ActkitError.
// openapi-fetch only ever sees a successful JSON answer.
import { sleep } from './abort.js';
import { taskMayExist } from './ambiguous-create.js';
import type { BackoffOptions } from './backoff.js';
import { exceedsRetryAfterCap, parseRetryAfter, retryDelay } from './backoff.js';
import {
  ActkitAbortError,
  type ActkitError,
  ConnectionError,
  RequestTimeoutError,
  UnexpectedResponseError,
} from './errors.js';
import { describeNonJson, errorFromAnswer, redirectError, requestIdOf } from './http-error.js';
import type { ActkitLogger } from './logger.js';
import { log } from './logger.js';
import type { OutgoingRequest } from './outgoing-request.js';
import { redactHeaders, scrubSecret, scrubSecretDeep } from './redact.js';
import type { AttemptFailure, RequestKind } from './retry-policy.js';
import { decideRetry, notSentErrorCodes } from './retry-policy.js';
import { attempt as sendAttempt } from './send-attempt.js';

/** How the transport is set up (from the client options). */
export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffOptions;
  logger?: ActkitLogger;
}

/** Per-call settings. */
export interface SendOptions {
  kind: RequestKind;
  /** Names the call in messages, e.g. "Create character performance". */
  what: string;
  signal?: AbortSignal;
  /** Overrides the client's per-request timeout for this call. */
  timeoutMs?: number;
  /** The task the call concerns (a read of it): every error thrown carries it as `taskId`. */
  taskId?: string;
  /** The most this call may sleep between retries in total, ms (see `RequestOptions.maxRetryWaitMs`). */
  maxRetryWaitMs?: number;
}

export interface Transport {
  /**
   * Resolves with a successful JSON answer for openapi-fetch. It is a minimal Response (`ok`, `status`,
   * `headers`, `text()`, `json()`: all openapi-fetch reads) over the text already read, not a second stream.
   */
  send(request: OutgoingRequest, options: SendOptions): Promise<Response>;
}

/** Finds a system error code (ECONNREFUSED, …) anywhere in an error's cause chain. */
function systemErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code) return code;
  const fromCause = systemErrorCode(cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = systemErrorCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Creates the transport. One per client. */
export function createTransport(options: TransportOptions): Transport {
  const { apiKey, logger } = options;
  const authorization = `Bearer ${apiKey}`;

  return {
    async send(request, call) {
      const { kind, what, signal, taskId } = call;
      const timeoutMs = call.timeoutMs ?? options.timeoutMs;
      const bodyText = request.body;
      // openapi-fetch builds a fresh Headers per call (see outgoing-request.ts), so the key is set on it rather
      // than on a copy; fetch takes a Headers as cheaply as a plain object.
      const headers = request.headers;
      headers.set('authorization', authorization);
      const url = request.url;
      // Only errors need the time as text; a number is free.
      const sentAt = Date.now();

      let waitedMs = 0;
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) {
          // Between attempts nothing is in flight, and a retried create was certainly not started.
          throw new ActkitAbortError(`${what} was aborted`, { cause: signal.reason, taskId });
        }
        const started = logger ? Date.now() : 0;
        // Logging is guarded at each call site so that with no logger no message or redacted copy is built.
        if (logger) {
          log(logger, 'debug', `→ ${request.method} ${url}`, {
            method: request.method,
            url,
            attempt,
            headers: redactHeaders(headers),
          });
        }
        // The API never redirects; following one could replay a paid POST elsewhere or hide a wrong base
        // URL. A fresh init per attempt: `sendAttempt` puts that attempt's signal on it.
        const init: RequestInit = { method: request.method, headers, body: bodyText, redirect: 'manual' };
        const result = await sendAttempt(options.fetch, url, init, timeoutMs, signal);

        if (result.type === 'aborted') {
          throw new ActkitAbortError(
            kind === 'create'
              ? `${what} was aborted after the request was sent: the task may exist`
              : `${what} was aborted`,
            { cause: signal?.reason, taskMayExist: kind === 'create', taskId },
          );
        }

        let error: ActkitError;
        let failure: AttemptFailure;
        let answerHeaders: Headers | undefined;
        /** The wait the provider asked for on this attempt (Retry-After, retry-after-ms), in ms. */
        let askedMs: number | undefined;

        if (result.type === 'response') {
          const { response, text } = result;
          if (logger) {
            log(logger, 'debug', `← ${response.status} ${request.method} ${url}`, {
              status: response.status,
              ms: Date.now() - started,
              requestId: requestIdOf(response.headers),
            });
          }
          // The hot path: a 2xx JSON answer, parsed once here and handed to openapi-fetch as is.
          const json = parseJson(text);
          if (response.ok && json.ok) {
            return new JsonAnswer(response.status, response.headers, text, json.value) as unknown as Response;
          }
          answerHeaders = response.headers;
          const requestId = requestIdOf(response.headers);
          if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
            throw redirectError(what, response.status, response.headers, taskId);
          }
          if (response.ok) {
            const unexpected = new UnexpectedResponseError(
              `${what}: HTTP ${response.status} with ${describeNonJson(response.headers.get('content-type'), scrubSecret(text, apiKey))} instead of JSON; check baseUrl`,
              { status: response.status, requestId, body: scrubSecret(text.slice(0, 2048), apiKey), taskId },
            );
            if (kind === 'create') {
              throw taskMayExist(unexpected, 'accepted', parseBody(bodyText), sentAt);
            }
            // On a read, an empty or garbled 200 is a gateway's passing fault: retried like a 5xx.
            error = unexpected;
            failure = { type: 'unreadable' };
          } else {
            const body = scrubSecretDeep(json.ok ? json.value : text.slice(0, 2048), apiKey);
            const { status } = response;
            askedMs = parseRetryAfter(response.headers);
            error = errorFromAnswer({
              status,
              statusText: response.statusText,
              headers: response.headers,
              body,
              isJson: json.ok,
              what,
              // The provider's wait as it asked (uncapped); undefined when it said nothing, so a caller
              // can tell "the provider said 2 minutes" from "no idea" and pick its own default.
              retryAfterMs: askedMs,
              taskId,
            });
            failure = { type: 'answer', status, body };
          }
        } else if (result.type === 'timeout') {
          error = new RequestTimeoutError(`${what} timed out after ${timeoutMs} ms`, { taskId });
          failure = { type: 'timeout' };
        } else {
          const code = systemErrorCode(result.error);
          error = new ConnectionError(
            `${what} failed: could not complete the connection to ${new URL(url).origin}${code ? ` (${code})` : ''}`,
            { code, cause: result.error, taskId },
          );
          failure = { type: 'network', notSent: code !== undefined && notSentErrorCodes.has(code) };
        }

        const decision = decideRetry(kind, failure);
        if (decision === 'ambiguous') {
          log(logger, 'error', `${what}: ambiguous failure, not retried (paid action)`, {
            reason: error.message,
          });
          throw taskMayExist(error, 'reached', parseBody(bodyText), sentAt);
        }
        if (decision === 'fail') {
          // An answer that is the caller's doing (400, 401, 403, 404, a 500 invalid_request) or the task's
          // state (task_not_exist while a fresh task is not visible yet): no fault of the transport, and the
          // caller receives it as a typed error to act on. At error level it would be noise: the polling
          // loop tolerates task_not_exist for its grace period, every poll of it would log an error.
          log(logger, 'debug', `${what}: not retried (an answer about the request or the task)`, {
            reason: error.message,
            status: error.status,
            code: error.code,
          });
          throw error;
        }
        if (attempt >= options.maxRetries) {
          // Transient failures outlasted every retry: a fault worth an error line.
          log(logger, 'error', `${what}: giving up`, { reason: error.message, attempts: attempt + 1 });
          throw error;
        }
        if (exceedsRetryAfterCap(askedMs, options.backoff)) {
          // Sleeping the cap and asking again early would only be refused again (and hold the caller).
          log(
            logger,
            'warn',
            `${what}: the provider asks to wait ${askedMs} ms, longer than maxRetryAfterMs`,
            {
              reason: error.message,
              attempts: attempt + 1,
              retryAfterMs: askedMs,
            },
          );
          throw error;
        }
        const delayMs = retryDelay(attempt, answerHeaders, options.backoff);
        if (call.maxRetryWaitMs !== undefined && waitedMs + delayMs > call.maxRetryWaitMs) {
          // The caller cannot wait that long (a browser's request through a server): its error now.
          log(logger, 'warn', `${what}: not waiting ${delayMs} ms more (maxRetryWaitMs)`, {
            reason: error.message,
            attempts: attempt + 1,
          });
          throw error;
        }
        waitedMs += delayMs;
        log(logger, 'warn', `${what}: retrying in ${delayMs} ms`, {
          reason: error.message,
          attempt,
          delayMs,
        });
        try {
          await sleep(delayMs, signal);
        } catch {
          throw new ActkitAbortError(`${what} was aborted`, { cause: signal?.reason, taskId });
        }
      }
    },
  };
}

/**
 * The successful answer handed to openapi-fetch (see `Transport.send`): a class, so no closures per call.
 * It keeps the real headers: openapi-fetch reads Content-Length, and when it is present calls `json()`,
 * which returns the value parsed above (no second parse). A 2xx without Content-Length (chunked) goes
 * through `text()` and openapi-fetch parses it again: correct, only slower, and never on loopback.
 */
class JsonAnswer {
  readonly ok = true;
  constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
    private readonly value: unknown,
  ) {}
  async text(): Promise<string> {
    return this.body;
  }
  async json(): Promise<unknown> {
    return this.value;
  }
}

function parseBody(bodyText: string | undefined): unknown {
  if (bodyText === undefined) return undefined;
  const json = parseJson(bodyText);
  return json.ok ? json.value : bodyText;
}
