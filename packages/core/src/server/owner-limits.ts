// Per-owner limits on creates: how many tasks may run at once and how many may start per minute, both
// decided in the store before the paid request. Each create attempt holds a slot of the owner's active set
// (member: its ledger record id) from before the create until its task ends, so two instances can never
// both admit the create that exceeds the limit. A full set is healed first: slots of attempts whose tasks
// ended unseen are freed (see active-task-healing.ts), so an owner is never locked out by finished tasks.
import type { ActkitCounterStore } from './store.js';
import type { ActkitLimits } from './types.js';

export const defaultLimits: Required<ActkitLimits> = { activeTasks: 3, createsPerMinute: 10 };

/** A slot nobody freed stops counting after this long (Act-Two tasks take minutes). */
export const activeSlotTtlMs = 60 * 60 * 1000;
/** How long to suggest waiting when the active-task limit is reached (Runway updates about every 5 s). */
const activeRetryAfterMs = 5000;
const minuteMs = 60_000;

export type LimitDecision = { allowed: true } | { allowed: false; reason: string; retryAfterMs: number };

/** Of `recordIds` (slots of `owner`'s active set), the ones whose tasks have certainly ended. */
export type FindEndedAttempts = (owner: string, recordIds: string[]) => Promise<string[]>;

export interface OwnerLimits {
  /**
   * Reserves an active-task slot for the attempt `recordId`, then spends one create of the owner's minute;
   * when the minute is spent the slot is given back. Throws when the store fails (nothing is held then).
   */
  admit(owner: string, recordId: string): Promise<LimitDecision>;
  /** Frees the attempt's slot: its task ended, or its create certainly started none. */
  release(owner: string, recordId: string): Promise<void>;
}

export function createOwnerLimits(
  limits: ActkitLimits | undefined,
  counters: ActkitCounterStore,
  findEnded: FindEndedAttempts,
): OwnerLimits {
  const { activeTasks, createsPerMinute } = { ...defaultLimits, ...limits };
  const activeKey = (owner: string) => `active:${owner}`;
  const acquire = (owner: string, recordId: string) =>
    counters.acquireSlot(activeKey(owner), recordId, activeTasks, activeSlotTtlMs);

  return {
    async admit(owner, recordId) {
      let slot = await acquire(owner, recordId);
      if (!slot.allowed) {
        // Full: free the slots of tasks that ended while nobody watched, then try once more.
        const ended = await findEnded(owner, await counters.listSlots(activeKey(owner)));
        await Promise.all(ended.map((member) => counters.releaseSlot(activeKey(owner), member)));
        if (ended.length > 0) slot = await acquire(owner, recordId);
      }
      if (!slot.allowed) {
        return {
          allowed: false,
          reason: `At most ${activeTasks} tasks may run at once; wait for one to finish.`,
          retryAfterMs: Math.min(activeRetryAfterMs, slot.retryAfterMs),
        };
      }
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
    release: (owner, recordId) => counters.releaseSlot(activeKey(owner), recordId),
  };
}
