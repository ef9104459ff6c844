// The in-memory watcher registry: one loop per task however many subscribe, late joiners get the latest
// state at once, the loop stops when the last subscriber leaves or the task ends.
import { describe, expect, it } from 'vitest';
import { createMemoryWatcherRegistry } from '../src/server/memory-watcher-registry.js';
import type { TaskWatchEvent } from '../src/server/store.js';
import type { Task } from '../src/task.js';

const task = (status: Task['status'], progress: number): Task =>
  ({
    id: 't',
    status,
    progress,
    createdAt: '2026-01-01T00:00:00.000Z',
    raw: {},
    output: [],
  }) as unknown as Task;
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** A poller that yields RUNNING states every few ms until told to finish; counts starts and stops. */
function fakePoller() {
  const state = { starts: 0, stops: 0, finish: false };
  const poll = async function* (_id: string, signal: AbortSignal) {
    state.starts++;
    try {
      for (let i = 0; !signal.aborted; i++) {
        if (state.finish) {
          yield task('SUCCEEDED', 1);
          return;
        }
        yield task('RUNNING', Math.min(0.9, i / 100));
        await tick();
      }
    } finally {
      state.stops++;
    }
  };
  return { state, poll };
}

describe('memory watcher registry', () => {
  it('shares one loop among many subscribers and stops with the last one', async () => {
    const registry = createMemoryWatcherRegistry();
    const { state, poll } = fakePoller();
    const seen: TaskWatchEvent[][] = Array.from({ length: 10 }, () => []);
    const leaves = seen.map((events) => registry.subscribe('t', poll, (event) => events.push(event)));
    await tick(30);
    expect(state.starts).toBe(1);
    expect(registry.activeLoops()).toBe(1);
    for (const events of seen) expect(events.length).toBeGreaterThan(0);
    for (const leave of leaves.slice(1)) leave();
    expect(registry.activeLoops()).toBe(1);
    leaves[0]!();
    await tick(20);
    expect(registry.activeLoops()).toBe(0);
    expect(state.stops).toBe(1);
  });

  it('gives a late joiner the latest state at once', async () => {
    const registry = createMemoryWatcherRegistry();
    const { poll } = fakePoller();
    const leaveFirst = registry.subscribe('t', poll, () => {});
    await tick(20);
    const late: TaskWatchEvent[] = [];
    const leaveLate = registry.subscribe('t', poll, (event) => late.push(event));
    expect(late).toHaveLength(1);
    leaveFirst();
    leaveLate();
  });

  it('ends the loop at a terminal state; the next subscriber starts a fresh one', async () => {
    const registry = createMemoryWatcherRegistry();
    const { state, poll } = fakePoller();
    const events: TaskWatchEvent[] = [];
    registry.subscribe('t', poll, (event) => events.push(event));
    state.finish = true;
    await tick(30);
    expect(events.at(-1)).toMatchObject({ type: 'task', task: { status: 'SUCCEEDED' } });
    expect(registry.activeLoops()).toBe(0);
    registry.subscribe('t', poll, () => {});
    expect(state.starts).toBe(2);
    registry.close();
  });

  it('publishes a loop error to every subscriber', async () => {
    const registry = createMemoryWatcherRegistry();
    const failing = async function* (): AsyncGenerator<Task> {
      yield task('RUNNING', 0.1);
      throw Object.assign(new Error('boom'), { name: 'ServerError' });
    };
    const events: TaskWatchEvent[] = [];
    registry.subscribe('t', failing, (event) => events.push(event));
    await tick(10);
    expect(events.map((event) => event.type)).toEqual(['task', 'error']);
    expect(registry.activeLoops()).toBe(0);
  });
});
