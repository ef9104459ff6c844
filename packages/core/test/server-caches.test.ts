// The building blocks of the cheap GET path, on their own: the LRU bound, the in-memory task-state store
// (terminal kept, others expire), and the opened-handle cache (only successes kept, owner compared).
import { describe, expect, it } from 'vitest';
import { createLru } from '../src/server/lru.js';
import { createMemoryTaskStateStore } from '../src/server/memory-task-state-store.js';
import { createOpenedHandleCache } from '../src/server/opened-handle-cache.js';
import { createShutdown } from '../src/server/shutdown.js';
import type { Task } from '../src/task.js';

const task = (status: Task['status']) => ({ id: 't', status, progress: 0, createdAt: '' }) as unknown as Task;

describe('lru', () => {
  it('never holds more than maxEntries and evicts the least recently used', () => {
    const lru = createLru<string, number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) lru.set(key, i);
    lru.get('a'); // a is now the most recently used
    lru.set('d', 3);
    expect(lru.size).toBe(3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(0);
    for (let i = 0; i < 1000; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBe(3);
  });

  it('refuses a bound that is not a whole number ≥ 0', () => {
    expect(() => createLru(-1)).toThrow(RangeError);
    expect(() => createLru(Number.NaN)).toThrow(RangeError);
  });
});

describe('memory task-state store', () => {
  it('drops a non-terminal state after its ttl and keeps a terminal one', async () => {
    let now = 1000;
    const store = createMemoryTaskStateStore({ now: () => now });
    await store.set('running', { task: task('RUNNING'), readAt: now }, 500);
    await store.set('done', { task: task('SUCCEEDED'), readAt: now });
    now += 499;
    expect((await store.get('running'))?.task.status).toBe('RUNNING');
    now += 1;
    expect(await store.get('running')).toBeUndefined();
    now += 365 * 24 * 3600 * 1000;
    expect((await store.get('done'))?.task.status).toBe('SUCCEEDED');
    expect(store.size?.()).toBe(1);
  });

  it('is bounded by maxEntries', async () => {
    const store = createMemoryTaskStateStore({ maxEntries: 100 });
    for (let i = 0; i < 1000; i++) await store.set(`t${i}`, { task: task('SUCCEEDED'), readAt: 0 });
    expect(store.size?.()).toBe(100);
    expect(await store.get('t0')).toBeUndefined();
    expect(await store.get('t999')).toBeDefined();
  });
});

describe('opened-handle cache', () => {
  /** An opener that knows one handle for one owner, counting its (expensive) calls. */
  const opener = () => {
    const calls = { count: 0 };
    const open = async (handle: string, owner: string) => {
      calls.count++;
      return handle === 'h-good' && owner === 'alice' ? 'provider-id' : undefined;
    };
    return { calls, open };
  };

  it('opens a good handle once, then answers it from memory for its owner', async () => {
    const { calls, open } = opener();
    const cached = createOpenedHandleCache(open, 10);
    for (let i = 0; i < 5; i++) expect(await cached('h-good', 'alice')).toBe('provider-id');
    expect(calls.count).toBe(1);
  });

  it('never answers a cached handle for another owner', async () => {
    const { open } = opener();
    const cached = createOpenedHandleCache(open, 10);
    await cached('h-good', 'alice');
    expect(await cached('h-good', 'mallory')).toBeUndefined();
    expect(await cached('h-good', '')).toBeUndefined();
    expect(await cached('h-good', 'alice')).toBe('provider-id');
  });

  it('never remembers a failure: each try is opened (decrypted) again', async () => {
    const { calls, open } = opener();
    const cached = createOpenedHandleCache(open, 10);
    for (let i = 0; i < 3; i++) expect(await cached('h-forged', 'alice')).toBeUndefined();
    // The owner the good handle was not issued to is not cached as a failure either.
    for (let i = 0; i < 3; i++) expect(await cached('h-good', 'mallory')).toBeUndefined();
    expect(calls.count).toBe(6);
  });

  it('is bounded: beyond maxEntries the oldest handle is opened again', async () => {
    let calls = 0;
    const cached = createOpenedHandleCache(async (handle) => {
      calls++;
      return `id-${handle}`;
    }, 2);
    for (const handle of ['a', 'b', 'c', 'a']) await cached(handle, 'o');
    expect(calls).toBe(4);
  });
});

describe('shutdown', () => {
  it('calls every listener once, and a late one at once; removed ones not at all', () => {
    const shutdown = createShutdown();
    const calls: string[] = [];
    shutdown.onClose(() => calls.push('a'));
    const remove = shutdown.onClose(() => calls.push('b'));
    remove();
    shutdown.close();
    shutdown.close();
    expect(shutdown.closed).toBe(true);
    shutdown.onClose(() => calls.push('late'));
    expect(calls).toEqual(['a', 'late']);
  });
});
