// The handler's shutdown, as one set of listeners: every open event stream registers here. An AbortSignal
// shared by all of them would carry one 'abort' listener per stream and warn (MaxListenersExceededWarning)
// past 10; raising that limit needs node:events, which this runtime-neutral module must not import.

export interface Shutdown {
  readonly closed: boolean;
  /** Calls `listener` once on close (at once if already closed); returns the function that removes it. */
  onClose(listener: () => void): () => void;
  close(): void;
}

export function createShutdown(): Shutdown {
  const listeners = new Set<() => void>();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
  };
}
