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
  /**
   * For 400 validation problems: field path (such as `character.uri`) → message, to show next to each field.
   * The server's, or the hook's own for a chosen file it refused before sending anything (same shape, words).
   */
  declare readonly fieldErrors: Record<string, string>;
  /**
   * On a 429 (too many tasks or starts for this user) or a 503 (the video provider is busy): how long to
   * wait before trying again, in ms, from the response's `Retry-After` header (seconds or an HTTP date), so a
   * UI can show "try again in 40 s"; when a cross-origin page cannot read that header (the backend does not
   * list it in `Access-Control-Expose-Headers`), from the problem's `retryAfter` member (seconds). Undefined
   * for other statuses and when neither is there.
   */
  declare readonly retryAfterMs: number | undefined;

  constructor(
    problem: Partial<Problem> & { status: number; title: string },
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(problem.detail ?? problem.title, options);
    this.name = 'ActkitProblemError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type ?? 'about:blank';
    this.fieldErrors = {};
    for (const { path, message } of problem.errors ?? []) this.fieldErrors[path] ??= message;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** `Retry-After` as ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
function retryAfterMsOf(value: string | null): number | undefined {
  const ms = value ? (+value >= 0 ? +value * 1000 : Date.parse(value) - Date.now()) : Number.NaN;
  return ms >= 0 ? ms : ms < 0 ? 0 : undefined;
}

/** Turns a non-2xx answer into an ActkitProblemError, trusting the body only if it looks like a problem. */
export function problemFromResponse(response: Response, body: unknown): ActkitProblemError {
  const problem = body && typeof body === 'object' ? (body as Partial<Problem>) : {};
  const { status } = response;
  return new ActkitProblemError(
    {
      ...problem,
      status,
      title: typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${status}`,
    },
    {
      retryAfterMs:
        status === 429 || status === 503
          ? (retryAfterMsOf(response.headers.get('retry-after')) ??
            (typeof problem.retryAfter === 'number' ? retryAfterMsOf(String(problem.retryAfter)) : undefined))
          : undefined,
    },
  );
}

/**
 * The outcome of one contract request: its data, or the problem (see `problemFromResponse`). A request that
 * got no answer at all (offline, DNS, CORS) becomes status 0, "Network error", with its cause. One place for
 * the try/catch every hook needs.
 */
export async function settle<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; error?: undefined } | { data?: undefined; error: ActkitProblemError }> {
  try {
    const { data, error: body, response } = await request;
    return data ? { data } : { error: problemFromResponse(response, body) };
  } catch (cause) {
    return {
      error: new ActkitProblemError({ status: 0, title: 'Network error', detail: String(cause) }, { cause }),
    };
  }
}
