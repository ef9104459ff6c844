// RFC 9457 problem responses. Every error answer of the handler is built here, so the shape (and the rule
// that details never carry the key or the provider host) holds in one place.
import type { ValidationIssue } from '../errors.js';
import type { ActkitJsonResponse, Problem } from './types.js';

const problemTypeBase = 'https://actkit.dev/problems/';

/** Stable `type` URIs of the problems the handler answers; `about:blank` for plain HTTP statuses. */
export const problemTypes = {
  validation: `${problemTypeBase}validation`,
  rateLimited: `${problemTypeBase}rate-limited`,
  upstream: `${problemTypeBase}upstream`,
  upstreamRateLimited: `${problemTypeBase}upstream-rate-limited`,
  taskMayExist: `${problemTypeBase}task-may-exist`,
} as const;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface ProblemOptions {
  type?: string;
  title?: string;
  errors?: ValidationIssue[];
  /** Seconds; sets the `retry-after` header and the body's `retryAfter` (rounded up, at least 1). */
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
}

/** A problem+json response. `detail` must be safe to show a browser. */
export function problemResponse(
  status: number,
  detail: string,
  options: ProblemOptions = {},
): ActkitJsonResponse {
  const json: Problem = {
    type: options.type ?? 'about:blank',
    title: options.title ?? titles[status] ?? 'Error',
    status,
    detail,
  };
  if (options.errors) json.errors = options.errors.map(({ path, message }) => ({ path, message }));
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    ...options.headers,
  };
  if (options.retryAfterSeconds !== undefined) {
    // In the body too: an SSE `problem` event has no headers, and cross-origin pages may not read them.
    json.retryAfter = Math.max(1, Math.ceil(options.retryAfterSeconds));
    headers['retry-after'] = String(json.retryAfter);
  }
  return { status, headers, json };
}

/**
 * 400 with every invalid field in `errors[]` and the same as sentences in `detail` ("seed must be between 0
 * and 4294967295; character.uri is required"). The messages must be actkit's own (the message table's):
 * never a provider's text.
 */
export function validationProblem(issues: ValidationIssue[]): ActkitJsonResponse {
  const detail = issues.map((issue) => `${issue.path || 'the body'} ${issue.message}`).join('; ');
  return problemResponse(400, detail, {
    type: problemTypes.validation,
    title: 'Invalid input',
    errors: issues,
  });
}

export const notFoundProblem = (): ActkitJsonResponse => problemResponse(404, 'No such task.');
