// The request's `signal` for a Web Fetch request: aborts when the client goes away (`request.signal`) or when
// the consumer cancels the response body (some runtimes report a disconnect only that way). Made on first use
// like clientGoneSignal: a JSON read never asks for it, so it costs no controller and no listener (and does
// not even read `request.signal`, which some runtimes build on demand).

/** One request's client-gone signal and its bookkeeping. */
export interface FetchClientGone {
  /** The signal for `ActkitRequest.signal`; the controller and the listener are made on the first call. */
  signal(): AbortSignal;
  /** The response body was cancelled: the same as the client leaving. */
  abort(): void;
  /** The answer is over: removes the listener on the request's signal (nothing is left on it). */
  release(): void;
}

/** A class, not closures: one is made per request. */
class ClientGone implements FetchClientGone {
  private controller: AbortController | undefined;
  private requestSignal: AbortSignal | undefined;
  constructor(private readonly request: { readonly signal: AbortSignal } | undefined) {}
  private onAbort: (() => void) | undefined;
  signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      this.controller = controller;
      this.requestSignal = this.request?.signal;
      this.onAbort = () => controller.abort();
      if (this.requestSignal?.aborted) controller.abort();
      else this.requestSignal?.addEventListener('abort', this.onAbort, { once: true });
    }
    return this.controller.signal;
  }
  abort(): void {
    this.signal();
    this.controller?.abort();
  }
  release(): void {
    if (this.onAbort) this.requestSignal?.removeEventListener('abort', this.onAbort);
  }
}

export function fetchClientGone(request: { readonly signal: AbortSignal } | undefined): FetchClientGone {
  return new ClientGone(request);
}
