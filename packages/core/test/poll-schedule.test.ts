import { describe, expect, it } from 'vitest';
import { defaultPollSchedule, normalizeTask } from '../src/index.js';

const running = (progress: number) =>
  normalizeTask({ id: 't', status: 'RUNNING', createdAt: '2025-01-01T00:00:00Z', progress });

describe('defaultPollSchedule', () => {
  it('ramps 1 s, 2 s, then settles at Runway’s 5 s cadence', () => {
    const at = (polls: number) =>
      defaultPollSchedule({ polls, elapsedMs: 0, task: undefined, progressPerMs: undefined });
    expect([1, 2, 3, 4, 10].map(at)).toEqual([1000, 2000, 5000, 5000, 5000]);
  });

  it('polls just after the predicted finish (never under 1 s), re-checking at least every 10 s', () => {
    const soon = defaultPollSchedule({
      polls: 5,
      elapsedMs: 0,
      task: running(0.9),
      progressPerMs: 0.1 / 1000,
    });
    expect(soon).toBe(1250);
    const verySoon = defaultPollSchedule({
      polls: 5,
      elapsedMs: 0,
      task: running(0.99),
      progressPerMs: 0.5 / 1000,
    });
    expect(verySoon).toBe(1000);
    const far = defaultPollSchedule({
      polls: 5,
      elapsedMs: 0,
      task: running(0.1),
      progressPerMs: 0.01 / 1000,
    });
    expect(far).toBe(10_000);
    const justBeyondSteady = defaultPollSchedule({
      polls: 5,
      elapsedMs: 0,
      task: running(0.5),
      progressPerMs: 0.1 / 1000,
    });
    expect(justBeyondSteady).toBe(5250);
  });

  it('stays at 5 s while queued or RUNNING before progress has moved (no prediction without a rate)', () => {
    const queued = normalizeTask({ id: 't', status: 'THROTTLED', createdAt: '2025-01-01T00:00:00Z' });
    expect(defaultPollSchedule({ polls: 5, elapsedMs: 0, task: queued, progressPerMs: 0.001 })).toBe(5000);
    expect(
      defaultPollSchedule({ polls: 5, elapsedMs: 0, task: running(0.2), progressPerMs: undefined }),
    ).toBe(5000);
  });
});
