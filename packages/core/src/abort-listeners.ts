// Many watches and requests often share ONE caller signal (an app's shutdown signal given to every wait).
// Each addEventListener on it costs memory for as long as the signal lives, and past ten Node prints a
// MaxListenersExceededWarning. So each signal gets one real listener, which calls a set of ours.

/** A callback, or an object with handleEvent (lets a long-lived object listen without a closure). */
export type AbortListener = (() => void) | { handleEvent(): void };

const listenersBySignal = new WeakMap<AbortSignal, Set<AbortListener>>();

const call = (listener: AbortListener) => {
  if (typeof listener === 'function') listener();
  else listener.handleEvent();
};

/** Calls `listener` once when `signal` aborts (unless removed first). The caller checks `signal.aborted`. */
export function addAbortListener(signal: AbortSignal, listener: AbortListener): void {
  let listeners = listenersBySignal.get(signal);
  if (!listeners) {
    const created = new Set<AbortListener>();
    listenersBySignal.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        listenersBySignal.delete(signal);
        for (const each of created) call(each);
      },
      { once: true },
    );
    listeners = created;
  }
  listeners.add(listener);
}

export function removeAbortListener(signal: AbortSignal, listener: AbortListener): void {
  listenersBySignal.get(signal)?.delete(listener);
}
