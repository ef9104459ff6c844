// The shared timer heap behind every sleeping watch: due order, cancellation, and ONE timer however many
// entries wait. A fake clock makes it deterministic; the watch-level tests (polling, abort-and-timeouts)
// run it for real against the emulator.
import { describe, expect, it } from 'vitest';
import { PollScheduler, type SchedulerClock } from '../src/poll-scheduler.js';

/**
 * A manual clock: `advance(ms)` runs the armed timer when its time comes. Counts timers ever armed. With
 * `earlyMs`, the first timer fires that much early (real timers can).
 */
function fakeClock(earlyMs = 0) {
  let now = 0;
  let armed: { at: number; callback: () => void } | undefined;
  const stats = { armedTimers: 0, active: 0 };
  const clock: SchedulerClock = {
    now: () => now,
    setTimer(callback, ms) {
      stats.armedTimers++;
      stats.active++;
      armed = { at: now + ms - (stats.armedTimers === 1 ? earlyMs : 0), callback };
      return armed;
    },
    clearTimer(timer) {
      if (timer === armed) {
        stats.active--;
        armed = undefined;
      }
    },
  };
  const advance = (ms: number) => {
    const target = now + ms;
    while (armed && armed.at <= target) {
      const { at, callback } = armed;
      armed = undefined;
      stats.active--;
      now = at;
      callback();
    }
    now = target;
  };
  return { clock, stats, advance, armedAt: () => armed?.at };
}

describe('PollScheduler', () => {
  it('runs entries in due order, ties in scheduling order', () => {
    const { clock, advance } = fakeClock();
    const scheduler = new PollScheduler(clock);
    const ran: string[] = [];
    for (const [name, at] of [
      ['c', 300],
      ['a', 100],
      ['b1', 200],
      ['d', 400],
      ['b2', 200],
    ] as const) {
      scheduler.schedule(at, () => ran.push(name));
    }
    advance(250);
    expect(ran).toEqual(['a', 'b1', 'b2']);
    advance(1000);
    expect(ran).toEqual(['a', 'b1', 'b2', 'c', 'd']);
    expect(scheduler.size).toBe(0);
  });

  it('keeps one timer, armed for the earliest entry, however many wait', () => {
    const { clock, stats, armedAt, advance } = fakeClock();
    const scheduler = new PollScheduler(clock);
    for (let i = 0; i < 10_000; i++) scheduler.schedule(5000 + (i % 100), () => {});
    expect(stats.active).toBe(1);
    expect(stats.armedTimers).toBe(1);
    expect(armedAt()).toBe(5000);
    // An earlier entry re-arms the one timer; later ones do not touch it.
    scheduler.schedule(1000, () => {});
    expect(stats.active).toBe(1);
    expect(armedAt()).toBe(1000);
    advance(1000);
    expect(stats.active).toBe(1);
    expect(armedAt()).toBe(5000);
    advance(4200);
    expect(scheduler.size).toBe(0);
    expect(stats.active).toBe(0);
  });

  it('cancel removes an entry; cancelling the earliest re-arms for the next; empty means no timer', () => {
    const { clock, stats, armedAt, advance } = fakeClock();
    const scheduler = new PollScheduler(clock);
    const ran: number[] = [];
    const first = scheduler.schedule(100, () => ran.push(100));
    const middle = scheduler.schedule(200, () => ran.push(200));
    scheduler.schedule(300, () => ran.push(300));
    scheduler.cancel(middle);
    scheduler.cancel(first);
    expect(armedAt()).toBe(300);
    scheduler.cancel(first); // twice is a no-op
    advance(500);
    expect(ran).toEqual([300]);
    const last = scheduler.schedule(900, () => ran.push(900));
    scheduler.cancel(last);
    expect(stats.active).toBe(0); // an idle client keeps no process alive
  });

  it('a callback that throws does not stall the others', async () => {
    const { clock, advance } = fakeClock();
    const scheduler = new PollScheduler(clock);
    const ran: string[] = [];
    const reported = new Promise<unknown>((resolve) => {
      const original = globalThis.queueMicrotask;
      globalThis.queueMicrotask = (task) => {
        globalThis.queueMicrotask = original;
        try {
          task();
        } catch (error) {
          resolve(error);
        }
      };
    });
    scheduler.schedule(10, () => {
      throw new Error('boom');
    });
    scheduler.schedule(10, () => ran.push('after'));
    advance(10);
    expect(ran).toEqual(['after']);
    expect(await reported).toMatchObject({ message: 'boom' });
  });

  it('a timer that fires early runs nothing before its time and re-arms', () => {
    const { clock, stats, advance } = fakeClock(10);
    const scheduler = new PollScheduler(clock);
    const ran: number[] = [];
    scheduler.schedule(100, () => ran.push(clock.now()));
    advance(95);
    expect(ran).toEqual([]);
    expect(stats.armedTimers).toBe(2);
    advance(10);
    expect(ran[0]).toBeGreaterThanOrEqual(99); // due within the scheduler's 1 ms slack
  });
});
