// The one error type the hooks hand out: an RFC 9457 problem from the backend, or a stand-in for a response
// that never came (status 0) or was not a problem document (a proxy's HTML page).
import type { Problem } from './contract.js';

export class ActkitProblemError extends Error {
  // `declare`: assigned in the constructor, so no class-field initialisers are emitted (bundle size).
  /** HTTP status; 0 when the request never got an answer (offline, DNS, CORS). */
  declare readonly status: number;
  declare readonly title: string;
  declare readonly detail: string | undefined;
  declare readonly type: string;
  /** For 400 validation problems: field path (such as `character.uri`) → message, to show next to each field. */
  declare readonly fieldErrors: Record<string, string>;

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

/**
 * The outcome of one contract request: its data, or the problem. A non-2xx answer becomes an
 * ActkitProblemError, trusting the body only if it looks like a problem (a proxy's HTML page does not); a
 * request that got no answer at all (offline, DNS, CORS) becomes status 0, "Network error", with its cause.
 * One place for the try/catch every hook needs.
 */
export async function settle<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; error?: undefined } | { data?: undefined; error: ActkitProblemError }> {
  try {
    const { data, error: body, response } = await request;
    if (data) return { data };
    const problem = body && typeof body === 'object' ? (body as Partial<Problem>) : {};
    return {
      error: new ActkitProblemError({
        ...problem,
        status: response.status,
        title:
          typeof problem.title === 'string'
            ? problem.title
            : response.statusText || `HTTP ${response.status}`,
      }),
    };
  } catch (cause) {
    return {
      error: new ActkitProblemError({ status: 0, title: 'Network error', detail: String(cause) }, { cause }),
    };
  }
}
