// Per-owner limits on creates: how many tasks may run at once and how many may start per minute, both
// decided in the store before the paid request. Each create attempt holds a slot of the owner's active set
// (member: its ledger record id) from before its ledger record exists until its task ends, so two instances
// can never both admit the create that exceeds the limit. The slot is taken for `startingSlotTtlMs` and
// extended to `activeSlotTtlMs` once the record is written (`confirm`): a slot whose attempt never got a
// record (the store failed in between) lapses within a minute, while the check below never frees a slot
// because its record is missing (it may be written a moment later). A full set is checked for slots of
// tasks that ended unseen (see active-task-healing.ts), at most once per owner per `healIntervalMs` across
// instances, so an owner is never locked out by finished tasks and a denied create costs no upstream read.
import type { ActkitCounterStore } from './store.js';
import type { ActkitLimits } from './types.js';

/**
 * The per-owner limits when the app sets none: safe for a public app. Ten open event streams cover a
 * person with the three active tasks open in a few tabs each.
 */
export const defaultLimits: Required<ActkitLimits> = {
  activeTasks: 3,
  createsPerMinute: 10,
  openStreams: 10,
};

/** A slot nobody freed stops counting after this long (Act-Two tasks take minutes). */
const activeSlotTtlMs = 60 * 60 * 1000;
/**
 * The slot's lifetime from the limit check until its ledger record is written (then `activeSlotTtlMs`): an
 * attempt whose record was never written (the store failed between the two) frees its slot after this.
 * The write takes milliseconds; a store call slower than this is a failed one.
 */
const startingSlotTtlMs = 60 * 1000;
/**
 * How long an attempt whose create was ambiguous (UNKNOWN: the task may exist) keeps counting as active: long
 * enough that the owner does not start a duplicate right away, short enough that provider hiccups do not
 * lock the owner out (its task, if it exists, is never seen ending).
 */
export const unconfirmedSlotTtlMs = 5 * 60 * 1000;
/** How long to suggest waiting when the active-task limit is reached (Runway updates about every 5 s). */
export const activeRetryAfterMs = 5000;
/**
 * A full active set is checked for tasks that ended unseen at most once per owner per this many ms, across
 * every instance sharing the store: shorter than the suggested wait, so a browser that waits as told gets a
 * fresh check, and 30 denied creates in a row cost one check, not 30.
 */
export const healIntervalMs = 4000;
const minuteMs = 60_000;

export type LimitDecision = { allowed: true } | { allowed: false; reason: string; retryAfterMs: number };

/**
 * Of `recordIds` (slots of `owner`'s active set), the ones whose tasks have certainly ended. Never one whose
 * attempt may still be starting (no record yet, CREATING) or whose task may be running.
 */
export type FindEndedAttempts = (owner: string, recordIds: string[]) => Promise<string[]>;

export interface OwnerLimits {
  /**
   * Reserves an active-task slot for the attempt `recordId` (for `startingSlotTtlMs`), then spends one
   * create of the owner's minute; when the minute is spent the slot is given back. Throws when the store
   * fails (nothing is held then).
   */
  admit(owner: string, recordId: string): Promise<LimitDecision>;
  /**
   * Extends the admitted attempt's slot to `activeSlotTtlMs` once its ledger record exists. Denied when the
   * slot lapsed meanwhile and the set is full again (the attempt must not go on); throws when the store fails.
   */
  confirm(owner: string, recordId: string): Promise<LimitDecision>;
  /** Frees the attempt's slot: its task ended, or its create certainly started none. */
  release(owner: string, recordId: string): Promise<void>;
  /** Shortens the attempt's slot to `unconfirmedSlotTtlMs` from now (its create was ambiguous). */
  holdUnconfirmed(owner: string, recordId: string): Promise<void>;
}

export function createOwnerLimits(
  limits: ActkitLimits | undefined,
  counters: ActkitCounterStore,
  findEnded: FindEndedAttempts,
): OwnerLimits {
  const { activeTasks, createsPerMinute } = { ...defaultLimits, ...limits };
  const activeKey = (owner: string) => `active:${owner}`;
  const acquire = (owner: string, recordId: string, ttlMs = startingSlotTtlMs) =>
    counters.acquireSlot(activeKey(owner), recordId, activeTasks, ttlMs);
  /** One check per owner per interval, across instances: the first denied create in it runs it. */
  const mayHeal = async (owner: string) => (await counters.hit(`heal:${owner}`, healIntervalMs, 1)).allowed;
  const full = (retryAfterMs: number): LimitDecision => ({
    allowed: false,
    reason: `At most ${activeTasks} tasks may run at once; wait for one to finish (tasks the video provider did not confirm count for a few minutes).`,
    retryAfterMs: Math.min(activeRetryAfterMs, retryAfterMs),
  });

  return {
    async admit(owner, recordId) {
      let slot = await acquire(owner, recordId);
      if (!slot.allowed && (await mayHeal(owner))) {
        // Full: free the slots of tasks that ended while nobody watched, then try once more.
        const ended = await findEnded(owner, await counters.listSlots(activeKey(owner)));
        await Promise.all(ended.map((member) => counters.releaseSlot(activeKey(owner), member)));
        if (ended.length > 0) slot = await acquire(owner, recordId);
      }
      if (!slot.allowed) return full(slot.retryAfterMs);
      let hit: Awaited<ReturnType<ActkitCounterStore['hit']>>;
      try {
        hit = await counters.hit(`creates:${owner}`, minuteMs, createsPerMinute);
      } catch (error) {
        await counters.releaseSlot(activeKey(owner), recordId).catch(() => {});
        throw error;
      }
      if (!hit.allowed) {
        await counters.releaseSlot(activeKey(owner), recordId);
        return {
          allowed: false,
          reason: `At most ${createsPerMinute} tasks may be started per minute.`,
          retryAfterMs: hit.retryAfterMs,
        };
      }
      return { allowed: true };
    },
    async confirm(owner, recordId) {
      // acquireSlot refreshes a member's expiry to now + ttl; it re-adds a lapsed one only if there is room.
      const slot = await acquire(owner, recordId, activeSlotTtlMs);
      return slot.allowed ? { allowed: true } : full(slot.retryAfterMs);
    },
    release: (owner, recordId) => counters.releaseSlot(activeKey(owner), recordId),
    async holdUnconfirmed(owner, recordId) {
      // acquireSlot refreshes a member's expiry to now + ttl (it holds the slot already, so it is allowed).
      await counters.acquireSlot(activeKey(owner), recordId, activeTasks, unconfirmedSlotTtlMs);
    },
  };
}
