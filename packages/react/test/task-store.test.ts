// @vitest-environment node
// The shared registry on its own: refcounting, the deferred close, stable snapshots.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Task } from '../src/contract.js';
import { openConnections, readTask, watchTask } from '../src/task-store.js';

const task = (status: Task['status'], progress = 0): Task => ({
  handle: 'h1',
  status,
  progress,
  createdAt: '2026-11-24T10:00:00.000Z',
});
const nextMacrotask = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('watchTask', () => {
  afterEach(nextMacrotask);

  it('opens one connection for many subscribers and closes it after the last one leaves', async () => {
    const close = vi.fn();
    const open = vi.fn(() => close);
    const offA = watchTask('k1', open, () => {});
    const offB = watchTask('k1', open, () => {});
    expect(open).toHaveBeenCalledTimes(1);
    offA();
    await nextMacrotask();
    expect(close).not.toHaveBeenCalled();
    offB();
    expect(close).not.toHaveBeenCalled(); // deferred: a StrictMode resubscribe may follow at once
    await nextMacrotask();
    expect(close).toHaveBeenCalledTimes(1);
    expect(readTask('k1')).toEqual({});
  });

  it('reuses the open connection when a subscriber leaves and comes back at once (StrictMode)', async () => {
    const close = vi.fn();
    const open = vi.fn(() => close);
    const off = watchTask('k2', open, () => {});
    off();
    const offAgain = watchTask('k2', open, () => {});
    await nextMacrotask();
    expect(open).toHaveBeenCalledTimes(1);
    expect(close).not.toHaveBeenCalled();
    offAgain();
    await nextMacrotask();
    expect(close).toHaveBeenCalledTimes(1);
    expect(openConnections()).toBe(0);
  });

  it('notifies every subscriber, keeps the last task across errors and keeps snapshots stable', () => {
    let publish: (t?: Task, e?: never) => void = () => {};
    const listenerA = vi.fn();
    const listenerB = vi.fn();
    const offA = watchTask(
      'k3',
      (p) => {
        publish = p as typeof publish;
        return () => {};
      },
      listenerA,
    );
    const offB = watchTask('k3', () => () => {}, listenerB);
    const before = readTask('k3');
    expect(readTask('k3')).toBe(before);
    publish(task('RUNNING', 0.5));
    expect(listenerA).toHaveBeenCalledTimes(1);
    expect(listenerB).toHaveBeenCalledTimes(1);
    const running = readTask('k3');
    expect(running).not.toBe(before);
    expect(readTask('k3')).toBe(running);
    expect(running.task?.progress).toBe(0.5);
    publish(undefined);
    expect(readTask('k3').task?.progress).toBe(0.5);
    offA();
    offB();
  });
});
