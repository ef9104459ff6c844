// One coarse timer for the timeouts of requests sent without a caller signal (see send-attempt.ts), instead
// of a setTimeout + clearTimeout per attempt. On a loopback round trip a per-request 60 s timer measured
// ~5-15 µs of CPU in the request-overhead bench (Node creates, then on clear tears down, the timer list for
// that duration on every sequential request); adding to and deleting from a Set costs ~nothing. The price
// is precision: a deadline fires within `tickMs` after it is due, never before. The ticker runs only while
// deadlines are pending (plus about a second of idle ticks, so back-to-back requests do not restart it),
// and never keeps a Node process alive by itself.

/** Granularity of the deadlines (ms). */
export const tickMs = 10;
const idleTicksBeforeStop = 100;

interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

const pending = new Set<Deadline>();
let ticker: ReturnType<typeof setInterval> | undefined;
let idleTicks = 0;

function tick(): void {
  if (pending.size === 0) {
    if (++idleTicks >= idleTicksBeforeStop) {
      clearInterval(ticker);
      ticker = undefined;
    }
    return;
  }
  idleTicks = 0;
  const now = performance.now();
  for (const deadline of pending) {
    if (deadline.at <= now) {
      pending.delete(deadline);
      deadline.expire();
    }
  }
}

/** Calls `expire` once `ms` have passed (within `tickMs` after), unless cancelled first. */
export function addDeadline(ms: number, expire: () => void): Deadline {
  const deadline: Deadline = { at: performance.now() + ms, expire };
  pending.add(deadline);
  if (ticker === undefined) {
    ticker = setInterval(tick, tickMs);
    // Node: an in-flight request keeps the process alive through its socket; the ticker must not.
    (ticker as { unref?: () => void }).unref?.();
  }
  idleTicks = 0;
  return deadline;
}

/** Forgets a deadline (its request finished). */
export function cancelDeadline(deadline: Deadline): void {
  pending.delete(deadline);
}
