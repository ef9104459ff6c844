// In-process limit counters: a rolling log of timestamps per key (hit) and expiring slot sets per key
// (acquireSlot). JavaScript runs each method to its end before another starts, so every decision is atomic
// here for free. Entries are pruned on every access, so memory stays bounded by the limits times the keys
// seen recently.
import type { ActkitCounterStore } from './store.js';

/** `now`: the clock (epoch ms); tests pass a fake one. */
export function createMemoryCounterStore(now: () => number = Date.now): ActkitCounterStore {
  const hits = new Map<string, number[]>();
  const slots = new Map<string, Map<string, number>>(); // key → member → expiry (epoch ms)

  const liveHits = (key: string, windowMs: number) => {
    const since = now() - windowMs;
    const list = (hits.get(key) ?? []).filter((at) => at > since);
    if (list.length === 0) hits.delete(key);
    else hits.set(key, list);
    return list;
  };
  const liveSlots = (key: string) => {
    const members = slots.get(key);
    if (!members) return undefined;
    for (const [member, expiresAt] of members) if (expiresAt <= now()) members.delete(member);
    if (members.size === 0) slots.delete(key);
    return members.size === 0 ? undefined : members;
  };

  return {
    async hit(key, windowMs, limit) {
      const list = liveHits(key, windowMs);
      if (list.length >= limit) {
        return { allowed: false, retryAfterMs: Math.max(1, (list[0] ?? now()) + windowMs - now()) };
      }
      list.push(now());
      hits.set(key, list);
      return { allowed: true, retryAfterMs: 0 };
    },
    async acquireSlot(key, member, limit, ttlMs) {
      const members = liveSlots(key) ?? new Map<string, number>();
      if (!members.has(member) && members.size >= limit) {
        // A limit of 0 denies with no member to wait for: suggest the slot lifetime.
        const soonest = members.size > 0 ? Math.min(...members.values()) : now() + ttlMs;
        return { allowed: false, retryAfterMs: Math.max(1, soonest - now()) };
      }
      members.set(member, now() + ttlMs);
      slots.set(key, members);
      return { allowed: true, retryAfterMs: 0 };
    },
    async releaseSlot(key, member) {
      const members = liveSlots(key);
      members?.delete(member);
      if (members?.size === 0) slots.delete(key);
    },
    async listSlots(key) {
      return [...(liveSlots(key)?.keys() ?? [])];
    },
  };
}
