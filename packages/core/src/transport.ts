// OUR transport, plugged into openapi-fetch through its `fetch` option: openapi-fetch builds typed requests
// (URL, path params, JSON body, headers) and hands us a Request; we add the key, then own everything that
// makes a call robust: per-request timeouts, abort at once, retries by the retry policy with backoff, and
// turning every non-success (HTTP error, redirect, HTML page, broken connection) into a typed ActkitError.
// openapi-fetch only ever sees a successful JSON answer.
import { raceAbort, sleep } from './abort.js';
import type { BackoffOptions } from './backoff.js';
import { parseRetryAfter, retryDelay } from './backoff.js';
import {
  ActkitAbortError,
  type ActkitError,
  ConnectionError,
  RequestTimeoutError,
  TaskMayExistError,
  UnexpectedResponseError,
} from './errors.js';
import { describeNonJson, errorFromAnswer, redirectError, requestIdOf } from './http-error.js';
import type { ActkitLogger } from './logger.js';
import { log } from './logger.js';
import type { OutgoingRequest } from './outgoing-request.js';
import { redactHeaders, scrubSecret, scrubSecretDeep } from './redact.js';
import type { AttemptFailure, RequestKind } from './retry-policy.js';
import { decideRetry, notSentErrorCodes } from './retry-policy.js';

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
}

export interface Transport {
  /**
   * Resolves with a successful JSON answer for openapi-fetch. It is a minimal Response (`ok`, `status`,
   * `headers`, `text()`, `json()`: all openapi-fetch reads) over the text already read, not a second stream.
   */
  send(request: OutgoingRequest, options: SendOptions): Promise<Response>;
}

type AttemptResult =
  | { type: 'response'; response: Response; text: string }
  | { type: 'aborted' }
  | { type: 'timeout' }
  | { type: 'network'; error: unknown; errorCode: string | undefined };

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

  async function attemptOnce(
    url: string,
    init: RequestInit,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    // One controller per attempt, aborted by the timer or the caller (AbortSignals are costly on Node 20).
    const controller = new AbortController();
    const { signal } = controller;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The request timed out', 'TimeoutError'));
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await raceAbort(options.fetch(url, { ...init, signal }), signal);
      const text = await raceAbort(response.text(), signal);
      return { type: 'response', response, text };
    } catch (error) {
      if (callerSignal?.aborted) return { type: 'aborted' };
      if (timedOut) return { type: 'timeout' };
      return { type: 'network', error, errorCode: systemErrorCode(error) };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    async send(request, call) {
      const { kind, what, signal } = call;
      const timeoutMs = call.timeoutMs ?? options.timeoutMs;
      const bodyText = request.body;
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${apiKey}`);
      // The API never redirects; following one could replay a paid POST elsewhere or hide a wrong base URL.
      const init: RequestInit = { method: request.method, headers, body: bodyText, redirect: 'manual' };
      const url = request.url;
      const sentAt = new Date().toISOString();

      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) {
          // Between attempts nothing is in flight, and a retried create was certainly not started.
          throw new ActkitAbortError(`${what} was aborted`, { cause: signal.reason });
        }
        const started = Date.now();
        log(logger, 'debug', `→ ${request.method} ${url}`, {
          method: request.method,
          url,
          attempt,
          headers: redactHeaders(headers),
        });
        const result = await attemptOnce(url, init, timeoutMs, signal);

        if (result.type === 'aborted') {
          throw new ActkitAbortError(
            kind === 'create'
              ? `${what} was aborted after the request was sent: the task may exist`
              : `${what} was aborted`,
            { cause: signal?.reason, taskMayExist: kind === 'create' },
          );
        }

        let error: ActkitError;
        let failure: AttemptFailure;
        let answerHeaders: Headers | undefined;

        if (result.type === 'response') {
          const { response, text } = result;
          answerHeaders = response.headers;
          const requestId = requestIdOf(response.headers);
          log(logger, 'debug', `← ${response.status} ${request.method} ${url}`, {
            status: response.status,
            ms: Date.now() - started,
            requestId,
          });
          if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
            throw redirectError(what, response.status, response.headers);
          }
          const json = parseJson(text);
          if (response.ok) {
            if (json.ok) {
              const clean = new Headers(response.headers);
              clean.delete('content-encoding');
              clean.delete('content-length');
              return jsonAnswer(response.status, clean, text, json.value);
            }
            const unexpected = new UnexpectedResponseError(
              `${what}: HTTP ${response.status} with ${describeNonJson(response.headers.get('content-type'), scrubSecret(text, apiKey))} instead of JSON; check baseUrl`,
              { status: response.status, requestId, body: scrubSecret(text.slice(0, 2048), apiKey) },
            );
            if (kind === 'create') {
              throw new TaskMayExistError(
                `${unexpected.message}. The provider accepted the request, so the task may exist: check before creating again`,
                { ...details(unexpected), cause: unexpected, input: parseBody(bodyText), sentAt },
              );
            }
            throw unexpected;
          }
          const body = scrubSecretDeep(json.ok ? json.value : text.slice(0, 2048), apiKey);
          error = errorFromAnswer({
            status: response.status,
            headers: response.headers,
            body,
            isJson: json.ok,
            what,
            retryAfterMs: parseRetryAfter(response.headers),
          });
          failure = { type: 'answer', status: response.status, body };
        } else if (result.type === 'timeout') {
          error = new RequestTimeoutError(`${what} timed out after ${timeoutMs} ms`);
          failure = { type: 'timeout' };
        } else {
          const code = result.errorCode;
          error = new ConnectionError(
            `${what} failed: could not complete the connection to ${new URL(url).origin}${code ? ` (${code})` : ''}`,
            { code, cause: result.error },
          );
          failure = { type: 'network', notSent: code !== undefined && notSentErrorCodes.has(code) };
        }

        const decision = decideRetry(kind, failure);
        if (decision === 'ambiguous') {
          log(logger, 'error', `${what}: ambiguous failure, not retried (paid action)`, {
            reason: error.message,
          });
          throw new TaskMayExistError(
            `${error.message}. The request reached the provider, so the task may have been created (and billed); it was not retried: check your tasks before creating again`,
            { ...details(error), cause: error, input: parseBody(bodyText), sentAt },
          );
        }
        if (decision === 'fail' || attempt >= options.maxRetries) {
          log(logger, 'error', `${what}: giving up`, { reason: error.message, attempts: attempt + 1 });
          throw error;
        }
        const delayMs = retryDelay(attempt, answerHeaders, options.backoff);
        log(logger, 'warn', `${what}: retrying in ${delayMs} ms`, {
          reason: error.message,
          attempt,
          delayMs,
        });
        try {
          await sleep(delayMs, signal);
        } catch {
          throw new ActkitAbortError(`${what} was aborted`, { cause: signal?.reason });
        }
      }
    },
  };
}

/** The successful answer handed to openapi-fetch (see `Transport.send`). */
function jsonAnswer(status: number, headers: Headers, text: string, value: unknown): Response {
  const answer = {
    ok: true,
    status,
    headers,
    text: async () => text,
    json: async () => value,
  };
  return answer as unknown as Response;
}

function details(error: ActkitError) {
  return { status: error.status, code: error.code, requestId: error.requestId, body: error.body };
}

function parseBody(bodyText: string | undefined): unknown {
  if (bodyText === undefined) return undefined;
  const json = parseJson(bodyText);
  return json.ok ? json.value : bodyText;
}
