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

export function fetchClientGone(request: { readonly signal: AbortSignal } | undefined): FetchClientGone {
  let controller: AbortController | undefined;
  let requestSignal: AbortSignal | undefined;
  const onAbort = () => controller?.abort();
  const signal = () => {
    if (controller === undefined) {
      controller = new AbortController();
      requestSignal = request?.signal;
      if (requestSignal?.aborted) controller.abort();
      else requestSignal?.addEventListener('abort', onAbort, { once: true });
    }
    return controller.signal;
  };
  return {
    signal,
    abort() {
      signal();
      controller?.abort();
    },
    release() {
      requestSignal?.removeEventListener('abort', onAbort);
    },
  };
}
