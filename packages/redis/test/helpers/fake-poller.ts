// A poller standing in for the handler's upstream loop in the registry tests: yields RUNNING states every
// `everyMs` until told to finish, and counts how many loops started and stopped (in this process).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Task } from '@actkit/core';
import type { TaskPoller } from '@actkit/core/server';

export const taskState = (status: Task['status'], progress: number): Task =>
  ({
    id: 't',
    status,
    progress,
    createdAt: '2026-01-01T00:00:00.000Z',
    raw: {},
    output: [],
  }) as unknown as Task;

export function fakePoller(everyMs = 20) {
  const state = { starts: 0, stops: 0, polls: 0, finish: false, fail: undefined as Error | undefined };
  const poll: TaskPoller = async function* (_taskId, signal) {
    state.starts++;
    try {
      for (let i = 0; !signal.aborted; i++) {
        state.polls++;
        if (state.fail) throw state.fail;
        if (state.finish) {
          yield taskState('SUCCEEDED', 1);
          return;
        }
        yield taskState('RUNNING', Math.min(0.9, i / 100));
        await sleep(everyMs, undefined, { signal }).catch(() => {});
      }
    } finally {
      state.stops++;
    }
  };
  return { state, poll };
}

/** Waits until `check` is true, polling every 10 ms, failing after `ms`. */
export async function eventually(check: () => boolean, ms = 5000, what = 'condition') {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
