// Turns a provider answer that is not a success into the error class that says what it means.

import { defaultBaseUrl } from './defaults.js';
import {
  ActkitError,
  ActkitValidationError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  UnexpectedResponseError,
} from './errors.js';

const requestIdHeaders = ['x-request-id', 'request-id', 'cf-ray'];

/** The request id of a response, from `x-request-id`, `request-id` or `cf-ray`. */
export function requestIdOf(headers: Headers): string | undefined {
  for (const name of requestIdHeaders) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** The provider's code, message and param from `{ error: { … } }` or a flat `{ code, message }`. */
export function providerError(body: unknown): { code?: string; message?: string; param?: string } {
  if (!isObject(body)) return {};
  const inner = isObject(body.error) ? body.error : body;
  return { code: str(inner.code), message: str(inner.message), param: str(inner.param) };
}

/** Whether a 500 is the caller's fault (`error.code: invalid_request`): never retried. */
export function isInvalidRequest(body: unknown): boolean {
  return providerError(body).code === 'invalid_request';
}

/** Whether the body says the task is not visible yet. */
export function isTaskNotExist(body: unknown): boolean {
  return providerError(body).code === 'task_not_exist';
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

/** Describes a body that was not JSON, for messages. */
export function describeNonJson(contentType: string | null, text: string): string {
  const kind = /html/i.test(contentType ?? '') || /^\s*</.test(text) ? 'an HTML page' : 'a non-JSON body';
  return `${kind}${text ? ` (${snippet(text)})` : ''}`;
}

export interface FailedAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body was not JSON. */
  body: unknown;
  isJson: boolean;
  what: string;
  retryAfterMs?: number;
}

/** The typed error for a non-2xx, non-redirect answer. */
export function errorFromAnswer(answer: FailedAnswer): ActkitError {
  const { status, headers, body, isJson, what } = answer;
  const { code, message, param } = providerError(body);
  const details = { status, code, requestId: requestIdOf(headers), body };
  const why =
    message ?? (isJson ? `HTTP ${status}` : describeNonJson(headers.get('content-type'), String(body)));
  const text = `${what} failed: HTTP ${status}${code ? ` ${code}` : ''}: ${why}`;

  if (code === 'task_not_exist') return new NotFoundError(text, details);
  if (status === 400 || (status === 500 && code === 'invalid_request')) {
    return new ActkitValidationError([{ path: param ?? '', message: message ?? why }], details, text);
  }
  if (status === 401) return new AuthenticationError(`${text} (check COMETAPI_KEY / apiKey)`, details);
  if (status === 403) return new PermissionDeniedError(text, details);
  if (status === 404) return new NotFoundError(text, details);
  if (status === 408) return new RequestTimeoutError(text, details);
  if (status === 429) return new RateLimitError(text, { ...details, retryAfterMs: answer.retryAfterMs });
  if (status >= 500) return new ServerError(text, details);
  return new ActkitError(text, details);
}

/** A redirect: the API never redirects, so this is nearly always a wrong base URL or path. */
export function redirectError(what: string, status: number, headers: Headers): UnexpectedResponseError {
  const location = headers.get('location');
  return new UnexpectedResponseError(
    `${what} was answered with a redirect (HTTP ${status || 'opaque'}${location ? ` to ${location}` : ''}); the API does not redirect, so check baseUrl (expected e.g. ${defaultBaseUrl}, no path)`,
    {
      status: status || undefined,
      requestId: requestIdOf(headers),
      body: location ? { location } : undefined,
    },
  );
}
