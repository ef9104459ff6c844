// The request's `signal` for a Node response (Express, Nest), made only when the handler asks for it: an
// event stream or a create does, a JSON read never does, so the common GET pays for no AbortController and
// no 'close' listener. Typed structurally: this module imports nothing from Node.

/** The part of Node's `http.ServerResponse` used here. */
export interface ClosingResponseLike {
  once(event: 'close', listener: () => void): unknown;
  /** True once the answer was fully handed to the OS: a `close` after it is no disconnect. */
  readonly writableFinished: boolean;
  /** True once the response (its socket) is closed. */
  readonly destroyed: boolean;
}

/**
 * Returns a getter for a signal that aborts when the client goes away before the answer finished (which
 * ends an event stream and frees its watcher). Define `ActkitRequest.signal` as `get signal() { return
 * gone(); }`.
 */
export function clientGoneSignal(res: ClosingResponseLike): () => AbortSignal {
  let controller: AbortController | undefined;
  return () => {
    if (controller === undefined) {
      const created = new AbortController();
      const abort = () => {
        if (!res.writableFinished) created.abort();
      };
      // Asked for late, the client may be gone already: its `close` event is in the past.
      if (res.destroyed) abort();
      else res.once('close', abort);
      controller = created;
    }
    return controller.signal;
  };
}
