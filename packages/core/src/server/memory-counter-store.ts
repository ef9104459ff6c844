// In-process limit counters: a rolling log of timestamps per key and an expiring set of active tasks per
// owner. Entries are pruned on every access, so memory stays bounded by the limits times the owners seen
// recently.
import type { ActkitCounterStore } from './store.js';

export function createMemoryCounterStore(now: () => number = Date.now): ActkitCounterStore {
  const hits = new Map<string, number[]>();
  const active = new Map<string, Map<string, number>>(); // owner → task id → expiry

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
  };
}
