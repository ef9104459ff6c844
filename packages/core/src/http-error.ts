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

/** The longest provider message kept in an error's `message` (the whole body stays on `error.body`). */
export const maxProviderMessageLength = 300;

/** Whitespace collapsed, trimmed, at most `maxProviderMessageLength` characters; undefined when empty. */
function bounded(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > maxProviderMessageLength ? `${flat.slice(0, maxProviderMessageLength)}…` : flat;
}

/** The first `message`/`detail`/`msg` of an `errors: [...]` or `detail: [...]` list (JSON:API, FastAPI). */
function firstListedMessage(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const first: unknown = list[0];
  if (typeof first === 'string') return str(first);
  return isObject(first) ? (str(first.message) ?? str(first.detail) ?? str(first.msg)) : undefined;
}

/** The message of an error body in any shape the provider or a proxy in front of it sends. */
function messageOf(body: Loose): string | undefined {
  const { error } = body;
  // CometAPI / OpenAI style: { error: { message, type, param, code } }
  if (isObject(error)) {
    const inner = str(error.message) ?? str(error.detail) ?? str(error.title);
    if (inner) return inner;
  }
  // Runway: { error: "text" } (sometimes with `issues`)
  if (typeof error === 'string' && error) return error;
  // RFC 9457 problem+json: { type, title, status, detail }; the detail says more than the title.
  // new-api / gateways: { code, message } or { msg }; FastAPI: { detail: [{ msg }] }; JSON:API: { errors }.
  return (
    str(body.detail) ??
    str(body.message) ??
    str(body.msg) ??
    firstListedMessage(body.errors) ??
    firstListedMessage(body.detail) ??
    str(body.title) ??
    str(body.error_description)
  );
}

/**
 * The provider's code, message and param from any error body: CometAPI's `{ error: { message, code,
 * param } }`, Runway's `{ error: "text" }`, RFC 9457 problem+json `{ title, detail }`, a flat
 * `{ code, message }` or `{ msg }`, `{ errors: [{ message }] }`. The message is bounded (see `bounded`).
 * Plain-text bodies are read by `errorFromAnswer`.
 */
export function providerError(body: unknown): { code?: string; message?: string; param?: string } {
  if (!isObject(body)) return {};
  const inner = isObject(body.error) ? body.error : body;
  return { code: str(inner.code), message: bounded(messageOf(body)), param: str(inner.param) };
}

/** The provider's code alone (`error.code` or a flat `code`): cheap, it runs on every successful read. */
function providerCode(body: unknown): unknown {
  if (!isObject(body)) return undefined;
  return isObject(body.error) ? body.error.code : body.code;
}

/** Whether a 500 is the caller's fault (`error.code: invalid_request`): never retried. */
export function isInvalidRequest(body: unknown): boolean {
  return providerCode(body) === 'invalid_request';
}

/** Whether the body says the task is not visible yet. */
export function isTaskNotExist(body: unknown): boolean {
  return providerCode(body) === 'task_not_exist';
}

const looksLikeHtml = (contentType: string | null, text: string) =>
  /html|xml/i.test(contentType ?? '') || /^\s*</.test(text);

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

/**
 * Describes a body that was not JSON, for messages: "an empty body", "an HTML page (…)", "an XML document
 * (…)" or "a non-JSON body (…)", with the start of the text.
 */
export function describeNonJson(contentType: string | null, text: string): string {
  if (!text.trim()) return 'an empty body';
  const type = contentType ?? '';
  const kind =
    /xml/i.test(type) || /^\s*<\?xml/i.test(text)
      ? 'an XML document'
      : /html/i.test(type) || /^\s*</.test(text)
        ? 'an HTML page'
        : 'a non-JSON body';
  return `${kind} (${snippet(text)})`;
}

export interface FailedAnswer {
  status: number;
  /** The reason phrase (`Bad Request`), used when the body carries no message. */
  statusText?: string;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body was not JSON. */
  body: unknown;
  isJson: boolean;
  what: string;
  /** How long to wait before trying again (ms), set on RateLimitError and ServerError. */
  retryAfterMs?: number;
  /** The task the call concerned. */
  taskId?: string;
}

/** Why the answer failed, in words: the provider's message, the plain text, or what the body was. */
function reasonOf(answer: FailedAnswer, message: string | undefined): string {
  if (message) return message;
  const { body, isJson, headers, status, statusText } = answer;
  if (!isJson) {
    const text = String(body ?? '');
    const contentType = headers.get('content-type');
    if (text.trim() && !looksLikeHtml(contentType, text)) return bounded(text) ?? '';
    return describeNonJson(contentType, text);
  }
  const phrase = str(statusText?.trim()) ?? `HTTP ${status}`;
  return `${phrase} (the body carries no message)`;
}

/** The typed error for a non-2xx, non-redirect answer. */
export function errorFromAnswer(answer: FailedAnswer): ActkitError {
  const { status, headers, body, what, taskId } = answer;
  const { code, message, param } = providerError(body);
  const details = { status, code, requestId: requestIdOf(headers), body, taskId };
  const why = reasonOf(answer, message);
  const text = `${what} failed: HTTP ${status}${code ? ` ${code}` : ''}: ${why}`;
  const { retryAfterMs } = answer;

  if (code === 'task_not_exist') return new NotFoundError(text, details);
  if (status === 400 || (status === 500 && code === 'invalid_request')) {
    return new ActkitValidationError([{ path: param ?? '', message: why }], details, text);
  }
  if (status === 401) return new AuthenticationError(`${text} (check COMETAPI_KEY / apiKey)`, details);
  if (status === 403) return new PermissionDeniedError(text, details);
  if (status === 404) return new NotFoundError(text, details);
  if (status === 408) return new RequestTimeoutError(text, details);
  if (status === 429) return new RateLimitError(text, { ...details, retryAfterMs });
  if (status >= 500) return new ServerError(text, { ...details, retryAfterMs });
  return new ActkitError(text, details);
}

/** A redirect: the API never redirects, so this is nearly always a wrong base URL or path. */
export function redirectError(
  what: string,
  status: number,
  headers: Headers,
  taskId?: string,
): UnexpectedResponseError {
  const location = headers.get('location');
  return new UnexpectedResponseError(
    `${what} was answered with a redirect (HTTP ${status || 'opaque'}${location ? ` to ${location}` : ''}); the API does not redirect, so check baseUrl (expected e.g. ${defaultBaseUrl}, no path)`,
    {
      status: status || undefined,
      requestId: requestIdOf(headers),
      body: location ? { location } : undefined,
      taskId,
    },
  );
}
