// The per-owner limit on open event streams. Each stream holds a socket and a watcher, so one owner must not
// open them without bound. A stream takes a slot (store.counters.acquireSlot: one atomic decision, so the
// limit holds across instances on a shared store) before it starts, renews it while it stays open, and gives
// it back when it ends: terminal state, the client leaving, `handler.close()`, or an adapter that never
// iterates it (the abort and the shutdown release it too). The slot's TTL is the safety net for an instance
// that dies with streams open.
//
// A stream is a read: it is answered from the provider and needs no record. So a shared store that cannot
// answer (Redis down) does not refuse it: the slot is then taken from counters in this process (reported to
// `onError`), so the limit still holds per instance until the store answers again.
import { createMemoryCounterStore } from './memory-counter-store.js';
import type { Shutdown } from './shutdown.js';
import type { ActkitCounterStore } from './store.js';

/** One stream's slot. */
export interface StreamSlot {
  /** Extends the slot's TTL (called while the stream yields; throttled to one renewal per `ttlMs / 3`). */
  renew(): Promise<void>;
  /** Gives the slot back. Idempotent. */
  release(): Promise<void>;
}

export interface StreamSlotsOptions {
  counters: ActkitCounterStore;
  /** Streams one owner may hold open at once. */
  limit: number;
  /** The stream's heartbeat interval: a stream yields at least this often, so renewals keep up with it. */
  heartbeatMs: number;
  onError(error: unknown): void;
}

/** At least a minute, and four heartbeats: a live stream renews well before its slot could expire. */
const slotTtlMs = (heartbeatMs: number) => Math.max(60_000, 4 * heartbeatMs);

/** Takes a slot for a new stream of `owner`; undefined when the owner holds `limit` already. */
export function createStreamSlots(options: StreamSlotsOptions) {
  const { limit, onError } = options;
  const ttlMs = slotTtlMs(options.heartbeatMs);
  const local = createMemoryCounterStore();
  return async (owner: string): Promise<StreamSlot | undefined> => {
    const key = `streams:${owner}`;
    const holder = crypto.randomUUID();
    let counters = options.counters;
    const decision = await counters.acquireSlot(key, holder, limit, ttlMs).catch((error: unknown) => {
      onError(error);
      counters = local;
      return local.acquireSlot(key, holder, limit, ttlMs);
    });
    if (!decision.allowed) return undefined;
    let released: Promise<void> | undefined;
    let renewedAt = Date.now();
    return {
      async renew() {
        if (released || Date.now() - renewedAt < ttlMs / 3) return;
        renewedAt = Date.now();
        await counters.acquireSlot(key, holder, limit, ttlMs).catch(onError);
      },
      release() {
        released ??= counters.releaseSlot(key, holder).catch(onError);
        return released;
      },
    };
  };
}

/**
 * `events` holding `slot`: renewed as chunks flow, released when the iteration ends in any way, and also
 * when `signal` aborts or the handler shuts down (in case the adapter never iterates).
 */
export function holdingSlot(
  events: AsyncIterable<string>,
  slot: StreamSlot,
  signal: AbortSignal | undefined,
  shutdown: Pick<Shutdown, 'onClose'>,
): AsyncIterable<string> {
  let leaveShutdown = () => {};
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    signal?.removeEventListener('abort', release);
    leaveShutdown();
    void slot.release();
  };
  // Already shut down: onClose calls `release` at once (with the no-op above as `leaveShutdown`).
  leaveShutdown = shutdown.onClose(release);
  if (signal?.aborted) release();
  else signal?.addEventListener('abort', release, { once: true });
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of events) {
          yield chunk;
          await slot.renew();
        }
      } finally {
        release();
      }
    },
  };
}
