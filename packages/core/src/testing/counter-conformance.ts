// store.counters: rolling windows (hit) and expiring slot sets (acquireSlot), each decision atomic.
import type { ConformanceContext } from './conformance-context.js';

export function describeCounterConformance(context: ConformanceContext): void {
  const { api, withStore, ms, sleep, unique, timeout } = context;
  const { describe, it, expect } = api;

  describe('counters.hit (rolling window)', () => {
    it(
      'allows `limit` hits in the window, then denies with retryAfterMs until the oldest leaves it',
      async () => {
        await withStore(async ({ counters }) => {
          const key = unique('hit');
          const windowMs = ms(400);
          expect((await counters.hit(key, windowMs, 2)).allowed).toBe(true);
          expect((await counters.hit(key, windowMs, 2)).allowed).toBe(true);
          const denied = await counters.hit(key, windowMs, 2);
          expect(denied.allowed).toBe(false);
          expect(denied.retryAfterMs).toBeGreaterThan(0);
          expect(denied.retryAfterMs).toBeLessThanOrEqual(windowMs);
          await sleep(windowMs + ms(100));
          expect(await counters.hit(key, windowMs, 2)).toEqual({ allowed: true, retryAfterMs: 0 });
        });
      },
      timeout(500),
    );

    it(
      'a denied hit is not recorded, and keys are independent',
      async () => {
        await withStore(async ({ counters }) => {
          const key = unique('hit');
          const windowMs = ms(400);
          await counters.hit(key, windowMs, 1);
          for (let i = 0; i < 5; i++) expect((await counters.hit(key, windowMs, 1)).allowed).toBe(false);
          expect((await counters.hit(unique('other'), windowMs, 1)).allowed).toBe(true);
          await sleep(windowMs + ms(100));
          // Had the denied hits counted, the window would still be full.
          expect((await counters.hit(key, windowMs, 1)).allowed).toBe(true);
        });
      },
      timeout(500),
    );

    it('is atomic: 20 concurrent hits against a limit of 5 admit exactly 5', async () => {
      await withStore(async ({ counters }) => {
        const key = unique('hit');
        const answers = await Promise.all(Array.from({ length: 20 }, () => counters.hit(key, 60_000, 5)));
        expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
      });
    });
  });

  describe('counters.acquireSlot / releaseSlot / listSlots', () => {
    it('holds up to `limit` members; beyond it denies with retryAfterMs until the soonest expiry', async () => {
      await withStore(async ({ counters }) => {
        const key = unique('slots');
        const ttlMs = ms(60_000);
        expect(await counters.acquireSlot(key, 'a', 2, ttlMs)).toEqual({ allowed: true, retryAfterMs: 0 });
        expect((await counters.acquireSlot(key, 'b', 2, ttlMs)).allowed).toBe(true);
        const denied = await counters.acquireSlot(key, 'c', 2, ttlMs);
        expect(denied.allowed).toBe(false);
        expect(denied.retryAfterMs).toBeGreaterThan(0);
        expect(denied.retryAfterMs).toBeLessThanOrEqual(ttlMs);
        expect((await counters.listSlots(key)).sort()).toEqual(['a', 'b']);
      });
    });

    it('a member that already holds a slot is allowed again without taking a second one', async () => {
      await withStore(async ({ counters }) => {
        const key = unique('slots');
        expect((await counters.acquireSlot(key, 'a', 1, 60_000)).allowed).toBe(true);
        expect((await counters.acquireSlot(key, 'a', 1, 60_000)).allowed).toBe(true);
        expect(await counters.listSlots(key)).toEqual(['a']);
        expect((await counters.acquireSlot(key, 'b', 1, 60_000)).allowed).toBe(false);
      });
    });

    it('releaseSlot frees the slot (and is a no-op for a member without one)', async () => {
      await withStore(async ({ counters }) => {
        const key = unique('slots');
        await counters.acquireSlot(key, 'a', 1, 60_000);
        await counters.releaseSlot(key, 'nobody');
        expect(await counters.listSlots(key)).toEqual(['a']);
        await counters.releaseSlot(key, 'a');
        expect(await counters.listSlots(key)).toEqual([]);
        expect((await counters.acquireSlot(key, 'b', 1, 60_000)).allowed).toBe(true);
      });
    });

    it(
      'an expired member frees its slot and is no longer listed; acquiring again refreshes the expiry',
      async () => {
        await withStore(async ({ counters }) => {
          const key = unique('slots');
          const ttlMs = ms(400);
          await counters.acquireSlot(key, 'short', 2, ttlMs);
          await counters.acquireSlot(key, 'kept', 2, ttlMs);
          await sleep(ms(250));
          expect((await counters.acquireSlot(key, 'kept', 2, ttlMs)).allowed).toBe(true); // refreshed
          await sleep(ms(250)); // 'short' has expired, 'kept' has 150 ms left
          expect(await counters.listSlots(key)).toEqual(['kept']);
          expect((await counters.acquireSlot(key, 'new', 2, ttlMs)).allowed).toBe(true);
        });
      },
      timeout(600),
    );

    it('is atomic: 20 concurrent members against a limit of 5 get exactly 5 slots', async () => {
      await withStore(async ({ counters }) => {
        const key = unique('slots');
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => counters.acquireSlot(key, `m${i}`, 5, 60_000)),
        );
        expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
        expect(await counters.listSlots(key)).toHaveLength(5);
      });
    });

    it('slot sets of different keys are independent', async () => {
      await withStore(async ({ counters }) => {
        const first = unique('slots');
        const second = unique('slots');
        await counters.acquireSlot(first, 'a', 1, 60_000);
        expect((await counters.acquireSlot(second, 'a', 1, 60_000)).allowed).toBe(true);
        await counters.releaseSlot(second, 'a');
        expect(await counters.listSlots(first)).toEqual(['a']);
      });
    });
  });
}
