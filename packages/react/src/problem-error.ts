// The one error type the hooks hand out: an RFC 9457 problem from the backend, or a stand-in for a response
// that never came (status 0) or was not a problem document (a proxy's HTML page).
import type { Problem } from './contract.js';

export class ActkitProblemError extends Error {
  /** HTTP status; 0 when the request never got an answer (offline, DNS, CORS). */
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  /** For 400 validation problems: field path (such as `character.uri`) → message, to show next to each field. */
  readonly fieldErrors: Record<string, string>;

  constructor(problem: Partial<Problem> & { status: number; title: string }, options?: { cause?: unknown }) {
    super(problem.detail ?? problem.title, options);
    this.name = 'ActkitProblemError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type ?? 'about:blank';
    this.fieldErrors = {};
    for (const { path, message } of problem.errors ?? []) this.fieldErrors[path] ??= message;
  }
}

/** Turns a non-2xx answer into an ActkitProblemError, trusting the body only if it looks like a problem. */
export function problemFromResponse(response: Response, body: unknown): ActkitProblemError {
  const problem = body && typeof body === 'object' ? (body as Partial<Problem>) : {};
  return new ActkitProblemError({
    ...problem,
    status: response.status,
    title:
      typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${response.status}`,
  });
}

/** A request that got no answer at all. */
export const networkProblem = (cause: unknown): ActkitProblemError =>
  new ActkitProblemError({ status: 0, title: 'Network error', detail: String(cause) }, { cause });
