// One HTTP exchange: send the request and read the whole body as text, bounded by a timeout and, when the
// caller gave one, an AbortSignal. Two ways, chosen per call by whether there is a signal to honour:
//
// • With a caller signal, fetch gets a per-attempt AbortController that the caller's signal and the timer
//   abort: an abort (or the timeout) ends the request in flight at once, socket included.
// • Without one, fetch gets NO signal. Handing Node's fetch (undici) any AbortSignal costs ~20 µs of CPU per
//   request (it follows the signal with a WeakRef, a FinalizationRegistry entry and an abort listener that
//   is removed only after GC): the largest single cost of a loopback call, measured in bench/. Sharing one
//   signal among many requests still costs ~16 µs, so the timeout is a coarse shared timer instead (see
//   request-deadlines.ts): at the deadline the attempt resolves as a timeout at once, and the request is
//   disowned. If it answers later its body is cancelled, which frees the connection; one that never
//   answers is closed by the fetch implementation's own timeouts (undici: 300 s). Callers who need the
//   socket closed at the deadline pass a signal (every `tasks.wait`/`watch` poll does).
//
// Either way the result never rejects: failures are values the transport classifies.
import { addAbortListener, removeAbortListener } from './abort-listeners.js';
import { addDeadline, cancelDeadline } from './request-deadlines.js';

export type AttemptResult =
  | { type: 'response'; response: Response; text: string }
  | { type: 'aborted' }
  | { type: 'timeout' }
  | { type: 'network'; error: unknown };

const aborted: AttemptResult = { type: 'aborted' };
const timedOut: AttemptResult = { type: 'timeout' };
const ignore = () => {};

/** Reads `response` to its end; `settle` receives the first outcome only (see `attempt`). */
function readText(response: Response, settle: (result: AttemptResult) => boolean): void {
  response.text().then(
    (text) => settle({ type: 'response', response, text }),
    (error: unknown) => settle({ type: 'network', error }),
  );
}

/** Frees the connection of an answer nobody waits for any more. */
function disown(response: Response): void {
  response.body?.cancel().catch(ignore);
}

/** Sends one attempt. Resolves (never rejects) with what happened. */
export function attempt(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<AttemptResult> {
  if (signal?.aborted) return Promise.resolve(aborted);
  return new Promise<AttemptResult>((resolve) => {
    let done = false;
    const controller = signal ? new AbortController() : undefined;
    // The first outcome wins; later ones (a fetch settling after the timeout) are dropped.
    const settle = (result: AttemptResult): boolean => {
      if (done) return false;
      done = true;
      if (deadline) cancelDeadline(deadline);
      else clearTimeout(timer);
      if (signal) removeAbortListener(signal, onAbort);
      resolve(result);
      return true;
    };
    const onAbort = () => {
      settle(aborted);
      controller?.abort(signal?.reason);
    };
    const onTimeout = () => {
      settle(timedOut);
      controller?.abort(new DOMException('The request timed out', 'TimeoutError'));
    };
    // Without a signal the shared coarse timer (see request-deadlines.ts); with one, a precise timer: those
    // calls come from wait/watch, whose deadlines are promises, and they pay for a controller anyway.
    const timer = controller ? setTimeout(onTimeout, timeoutMs) : undefined;
    const deadline = controller ? undefined : addDeadline(timeoutMs, onTimeout);
    let sent: Promise<Response>;
    if (signal && controller) {
      addAbortListener(signal, onAbort);
      init.signal = controller.signal;
    }
    try {
      sent = fetchImpl(url, init);
    } catch (error) {
      // A custom fetch may throw instead of rejecting.
      settle({ type: 'network', error });
      return;
    }
    sent.then(
      (response) => {
        if (done) disown(response);
        else readText(response, settle);
      },
      (error: unknown) => settle({ type: 'network', error }),
    );
  });
}
