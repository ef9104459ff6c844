// Pure scheduling logic with a hand-driven clock: exact boundaries that real-time tests can only sample.
import { describe, expect, it } from 'vitest';
import type { CharacterPerformanceRequest } from '../src/index.js';
import { TaskStore } from '../src/task-store.js';
import { validBody } from './helpers.js';

const body = (uri = 'https://a.example/c.png') =>
  validBody({ character: { type: 'image', uri } }) as unknown as CharacterPerformanceRequest;

function storeAt(concurrency: number, taskMs = 1000) {
  const clock = { now: 0 };
  const store = new TaskStore(
    concurrency,
    () => taskMs,
    () => clock.now,
  );
  const status = (id: string) => store.snapshot(store.get(id)!).status;
  return { clock, store, status };
}

describe('TaskStore scheduling', () => {
  it('PENDING for 10% of the time (at most 500 ms), then RUNNING, then SUCCEEDED at taskMs', () => {
    const { clock, store, status } = storeAt(1);
    const { id } = store.create(body());
    expect(status(id)).toBe('PENDING');
    clock.now = 99;
    expect(status(id)).toBe('PENDING');
    clock.now = 100;
    expect(status(id)).toBe('RUNNING');
    clock.now = 550;
    expect(store.snapshot(store.get(id)!).progress).toBe(0.5);
    clock.now = 1000;
    expect(status(id)).toBe('SUCCEEDED');
    expect(store.info(id)).toMatchObject({ startedAt: 100, finishedAt: 1000 });
  });

  it('FIFO over the concurrency slots: THROTTLED until a slot frees', () => {
    const { clock, store, status } = storeAt(2);
    const ids = [0, 1, 2, 3].map(() => store.create(body()).id);
    clock.now = 100;
    expect(ids.map(status)).toEqual(['RUNNING', 'RUNNING', 'THROTTLED', 'THROTTLED']);
    clock.now = 1000;
    expect(ids.map(status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'RUNNING', 'RUNNING']);
    clock.now = 1900;
    expect(ids.map(status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
  });

  it('a failing task frees its slot when it fails, halfway through its run', () => {
    const { clock, store, status } = storeAt(1);
    const bad = store.create(body('https://a.example/fail-asset.png')).id;
    const next = store.create(body()).id;
    clock.now = 549;
    expect([status(bad), status(next)]).toEqual(['RUNNING', 'THROTTLED']);
    clock.now = 550;
    expect([status(bad), status(next)]).toEqual(['FAILED', 'RUNNING']);
  });

  it('cancelling moves the queue up; deleting a finished task forgets it', () => {
    const { clock, store, status } = storeAt(1);
    const a = store.create(body()).id;
    const b = store.create(body()).id;
    const c = store.create(body()).id;
    clock.now = 300;
    expect(store.cancelOrDelete(a)).toBe(true);
    expect([status(a), status(b), status(c)]).toEqual(['CANCELLED', 'RUNNING', 'THROTTLED']);
    expect(store.cancelOrDelete(c)).toBe(true);
    clock.now = 1200;
    expect(status(b)).toBe('SUCCEEDED');
    expect(store.cancelOrDelete(b)).toBe(true);
    expect(store.get(b)).toBeUndefined();
    expect(store.cancelOrDelete('nope')).toBe(false);
  });

  it('creates 10,000 queued tasks quickly', () => {
    const { clock, store, status } = storeAt(4, 8000);
    const started = performance.now();
    let last = '';
    for (let i = 0; i < 10_000; i++) {
      clock.now = i;
      last = store.create(body()).id;
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(status(last)).toBe('PENDING');
    clock.now = 20_000;
    expect(status(last)).toBe('THROTTLED');
  });
});
