// Per-owner limits on creates: how many tasks may run at once and how many may start per minute. Both are
// checked before the paid request; the active set is healed by asking the provider about tasks nobody
// watched to the end, so an owner is never locked out by tasks that finished unseen.
import { isTerminal } from '../index.js';
import type { ActkitCounterStore } from './store.js';
import type { ActkitLimits, ActkitServerClient } from './types.js';

export const defaultLimits: Required<ActkitLimits> = { activeTasks: 3, createsPerMinute: 10 };

/** An active task nobody saw finish stops counting after this long (Act-Two tasks take minutes). */
const activeTaskTtlMs = 60 * 60 * 1000;
/** How long to suggest waiting when the active-task limit is reached (Runway updates about every 5 s). */
const activeRetryAfterMs = 5000;
const minuteMs = 60_000;

export type LimitDecision = { allowed: true } | { allowed: false; reason: string; retryAfterMs: number };

export interface OwnerLimits {
  /** Checks both limits and, when allowed, spends one create from the per-minute budget. */
  beforeCreate(owner: string, signal?: AbortSignal): Promise<LimitDecision>;
  taskStarted(owner: string, taskId: string): Promise<void>;
  /** Called whenever a terminal state is seen, through GET or SSE. */
  taskEnded(owner: string, taskId: string): Promise<void>;
}

export function createOwnerLimits(
  limits: ActkitLimits | undefined,
  counters: ActkitCounterStore,
  client: ActkitServerClient,
): OwnerLimits {
  const { activeTasks, createsPerMinute } = { ...defaultLimits, ...limits };

  const countActive = async (owner: string, signal?: AbortSignal) => {
    let active = await counters.listSlots(`active:${owner}`);
    if (active.length < activeTasks) return active.length;
    // At the limit: ask the provider about each (at most `activeTasks` GETs) and forget the finished ones.
    const stillActive = await Promise.all(
      active.map(async (taskId) => {
        try {
          const task = await client.tasks.retrieve(taskId, { signal });
          if (!isTerminal(task)) return true;
        } catch (error) {
          if ((error as { name?: unknown }).name !== 'NotFoundError') return true; // unsure: keep counting it
        }
        await counters.releaseSlot(`active:${owner}`, taskId);
        return false;
      }),
    );
    active = active.filter((_, index) => stillActive[index]);
    return active.length;
  };

  return {
    async beforeCreate(owner, signal) {
      if ((await countActive(owner, signal)) >= activeTasks) {
        return {
          allowed: false,
          reason: `At most ${activeTasks} tasks may run at once; wait for one to finish.`,
          retryAfterMs: activeRetryAfterMs,
        };
      }
      const hit = await counters.hit(`creates:${owner}`, minuteMs, createsPerMinute);
      if (!hit.allowed) {
        return {
          allowed: false,
          reason: `At most ${createsPerMinute} tasks may be started per minute.`,
          retryAfterMs: hit.retryAfterMs,
        };
      }
      return { allowed: true };
    },
    taskStarted: async (owner, taskId) => {
      await counters.acquireSlot(`active:${owner}`, taskId, Number.POSITIVE_INFINITY, activeTaskTtlMs);
    },
    taskEnded: (owner, taskId) => counters.releaseSlot(`active:${owner}`, taskId),
  };
}
