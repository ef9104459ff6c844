// The memory store's slots (open event streams per owner): at most `limit` holders, a holder renews its own
// slot, a released or expired slot is free again. The same contract a shared store (Redis) implements.
import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from '../src/server/index.js';

describe('acquireSlot / releaseSlot', () => {
  it('allows `limit` holders, refuses the next, and frees a slot on release', async () => {
    const store = createMemoryCounterStore();
    for (const holder of ['a', 'b'])
      expect(await store.acquireSlot('streams:u', holder, 2, 60_000)).toBe(true);
    expect(await store.acquireSlot('streams:u', 'c', 2, 60_000)).toBe(false);
    expect(await store.acquireSlot('streams:other', 'c', 2, 60_000)).toBe(true); // per key
    await store.releaseSlot('streams:u', 'a');
    await store.releaseSlot('streams:u', 'a'); // idempotent
    expect(await store.acquireSlot('streams:u', 'c', 2, 60_000)).toBe(true);
    expect(await store.acquireSlot('streams:u', 'd', 2, 60_000)).toBe(false);
  });

  it('a holder at the limit renews its own slot; slots expire after their TTL unless renewed', async () => {
    let now = 1_000_000;
    const store = createMemoryCounterStore(() => now);
    expect(await store.acquireSlot('k', 'a', 1, 1000)).toBe(true);
    now += 900;
    expect(await store.acquireSlot('k', 'a', 1, 1000)).toBe(true); // renewal, not a second slot
    now += 900; // 1800 after the first take, 900 after the renewal: still held
    expect(await store.acquireSlot('k', 'b', 1, 1000)).toBe(false);
    now += 200; // expired: a crashed holder's slot comes back on its own
    expect(await store.acquireSlot('k', 'b', 1, 1000)).toBe(true);
  });
});
