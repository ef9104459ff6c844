// store.watchers: one upstream loop per task shared by every subscriber, the latest state for a late
// joiner, the loop's end (last subscriber gone, terminal state, close) and its errors.
import type { TaskPoller, TaskWatchEvent } from '../server/store.js';
import type { Task, TaskStatus } from '../task.js';
import type { ConformanceContext } from './conformance-context.js';

const task = (id: string, status: TaskStatus, progress = 0): Task =>
  ({ id, status, progress, createdAt: '2026-01-01T00:00:00.000Z', raw: null }) as unknown as Task;

/** A poller the test drives: `push` hands the loop its next state; counts loops and sees their signals. */
function scriptedPoller() {
  const signals: AbortSignal[] = [];
  let push: ((task: Task) => void) | undefined;
  let fail: ((error: Error) => void) | undefined;
  const waiting: Task[] = [];
  const poll: TaskPoller = async function* (_taskId, signal) {
    signals.push(signal);
    while (!signal.aborted) {
      const next =
        waiting.shift() ??
        (await new Promise<Task | undefined>((resolve, reject) => {
          push = resolve;
          fail = reject;
          signal.addEventListener('abort', () => resolve(undefined), { once: true });
        }));
      if (next === undefined) return;
      yield next;
    }
  };
  return {
    poll,
    signals,
    push(state: Task) {
      if (push) {
        const resolve = push;
        push = undefined;
        resolve(state);
      } else waiting.push(state);
    },
    fail(error: Error) {
      fail?.(error);
    },
  };
}

const statuses = (events: TaskWatchEvent[]) =>
  events.map((event) => (event.type === 'task' ? event.task.status : 'error'));

export function describeWatcherConformance(context: ConformanceContext): void {
  const { api, withStore, unique, waitFor } = context;
  const { describe, it, expect } = api;

  describe('watchers', () => {
    it('two subscribers of one task share one upstream loop and both hear every state', async () => {
      await withStore(async ({ watchers }) => {
        const taskId = unique('task');
        const poller = scriptedPoller();
        const first: TaskWatchEvent[] = [];
        const second: TaskWatchEvent[] = [];
        const leaveFirst = watchers.subscribe(taskId, poller.poll, (event) => first.push(event));
        const leaveSecond = watchers.subscribe(taskId, poller.poll, (event) => second.push(event));
        await waitFor(() => poller.signals.length === 1, 'the loop started');
        poller.push(task(taskId, 'RUNNING', 0.5));
        await waitFor(() => first.length === 1 && second.length === 1, 'both heard RUNNING');
        poller.push(task(taskId, 'SUCCEEDED', 1));
        await waitFor(() => first.length === 2 && second.length === 2, 'both heard SUCCEEDED');
        expect(statuses(first)).toEqual(['RUNNING', 'SUCCEEDED']);
        expect(statuses(second)).toEqual(['RUNNING', 'SUCCEEDED']);
        expect(poller.signals).toHaveLength(1);
        leaveFirst();
        leaveSecond();
      });
    });

    it('a late subscriber gets the latest state without waiting for the next poll', async () => {
      await withStore(async ({ watchers }) => {
        const taskId = unique('task');
        const poller = scriptedPoller();
        const early: TaskWatchEvent[] = [];
        const leave = watchers.subscribe(taskId, poller.poll, (event) => early.push(event));
        await waitFor(() => poller.signals.length === 1, 'the loop started');
        poller.push(task(taskId, 'RUNNING', 0.25));
        await waitFor(() => early.length === 1, 'the first subscriber heard RUNNING');
        const late: TaskWatchEvent[] = [];
        const leaveLate = watchers.subscribe(taskId, poller.poll, (event) => late.push(event));
        await waitFor(() => late.length > 0, 'the late subscriber heard the latest state');
        leaveLate();
        expect(late[0]?.type === 'task' && late[0].task.progress).toBe(0.25);
        expect(poller.signals).toHaveLength(1);
        leave();
      });
    });

    it('the loop stops when the last subscriber leaves (its signal aborts), and no listener hears more', async () => {
      await withStore(async ({ watchers }) => {
        const taskId = unique('task');
        const poller = scriptedPoller();
        const heard: TaskWatchEvent[] = [];
        const leaveA = watchers.subscribe(taskId, poller.poll, (event) => heard.push(event));
        const leaveB = watchers.subscribe(taskId, poller.poll, () => {});
        await waitFor(() => poller.signals.length === 1, 'the loop started');
        leaveA();
        expect(poller.signals[0]?.aborted).toBe(false);
        leaveB();
        await waitFor(() => poller.signals[0]?.aborted === true, 'the loop was aborted');
        await waitFor(() => watchers.activeLoops() === 0, 'no loop runs');
        poller.push(task(taskId, 'RUNNING'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(heard).toEqual([]);
      });
    });

    it('a terminal state ends the loop; the next subscriber starts a fresh one', async () => {
      await withStore(async ({ watchers }) => {
        const taskId = unique('task');
        const poller = scriptedPoller();
        const heard: TaskWatchEvent[] = [];
        const leave = watchers.subscribe(taskId, poller.poll, (event) => heard.push(event));
        await waitFor(() => poller.signals.length === 1, 'the loop started');
        poller.push(task(taskId, 'FAILED'));
        await waitFor(() => heard.length === 1, 'FAILED heard');
        await waitFor(() => watchers.activeLoops() === 0, 'the loop ended');
        leave();
        const again = watchers.subscribe(taskId, poller.poll, () => {});
        await waitFor(() => poller.signals.length === 2, 'a fresh loop started');
        again();
      });
    });

    it("the loop's error reaches every subscriber as an error event", async () => {
      await withStore(async ({ watchers }) => {
        const taskId = unique('task');
        const poller = scriptedPoller();
        const heard: TaskWatchEvent[] = [];
        const leave = watchers.subscribe(taskId, poller.poll, (event) => heard.push(event));
        await waitFor(() => poller.signals.length === 1, 'the loop started');
        poller.fail(Object.assign(new Error('upstream down'), { name: 'ServerError' }));
        await waitFor(() => heard.length === 1, 'the error heard');
        expect(heard[0]?.type).toBe('error');
        leave();
      });
    });

    it('close() stops every loop', async () => {
      await withStore(async ({ watchers }) => {
        const poller = scriptedPoller();
        watchers.subscribe(unique('task'), poller.poll, () => {});
        watchers.subscribe(unique('task'), poller.poll, () => {});
        await waitFor(() => poller.signals.length === 2, 'both loops started');
        watchers.close();
        await waitFor(() => poller.signals.every((signal) => signal.aborted), 'both loops aborted');
        expect(watchers.activeLoops()).toBe(0);
      });
    });
  });
}
