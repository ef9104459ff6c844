// In-process limit counters: a rolling log of timestamps per key, an expiring set of active tasks per
// owner and an expiring set of slot holders per key (open event streams). Entries are pruned on every
// access, so memory stays bounded by the limits times the owners seen recently. One process, so every
// decision is atomic by construction (no await between the check and the write).
import type { ActkitCounterStore } from './store.js';

export function createMemoryCounterStore(now: () => number = Date.now): ActkitCounterStore {
  const hits = new Map<string, number[]>();
  const active = new Map<string, Map<string, number>>(); // owner → task id → expiry
  const slots = new Map<string, Map<string, number>>(); // key → holder → expiry

  const liveHits = (key: string, windowMs: number) => {
    const since = now() - windowMs;
    const list = (hits.get(key) ?? []).filter((at) => at > since);
    if (list.length === 0) hits.delete(key);
    else hits.set(key, list);
    return list;
  };
  const liveActive = (owner: string) => {
    const tasks = active.get(owner);
    if (!tasks) return undefined;
    for (const [taskId, expiresAt] of tasks) if (expiresAt <= now()) tasks.delete(taskId);
    if (tasks.size === 0) active.delete(owner);
    return tasks.size === 0 ? undefined : tasks;
  };

  const liveSlots = (key: string) => {
    const holders = slots.get(key);
    if (!holders) return new Map<string, number>();
    for (const [holder, expiresAt] of holders) if (expiresAt <= now()) holders.delete(holder);
    if (holders.size === 0) slots.delete(key);
    return holders;
  };

  return {
    async hit(key, windowMs, limit) {
      const list = liveHits(key, windowMs);
      if (list.length >= limit) {
        return { allowed: false, retryAfterMs: Math.max(0, (list[0] ?? now()) + windowMs - now()) };
      }
      list.push(now());
      hits.set(key, list);
      return { allowed: true, retryAfterMs: 0 };
    },
    async addActive(owner, taskId, ttlMs) {
      const tasks = liveActive(owner) ?? new Map<string, number>();
      tasks.set(taskId, now() + ttlMs);
      active.set(owner, tasks);
    },
    async removeActive(owner, taskId) {
      const tasks = liveActive(owner);
      tasks?.delete(taskId);
      if (tasks?.size === 0) active.delete(owner);
    },
    async listActive(owner) {
      return [...(liveActive(owner)?.keys() ?? [])];
    },
    async acquireSlot(key, holder, limit, ttlMs) {
      const holders = liveSlots(key);
      if (!holders.has(holder) && holders.size >= limit) return false;
      holders.set(holder, now() + ttlMs);
      slots.set(key, holders);
      return true;
    },
    async releaseSlot(key, holder) {
      const holders = liveSlots(key);
      holders.delete(holder);
      if (holders.size === 0) slots.delete(key);
    },
  };
}
