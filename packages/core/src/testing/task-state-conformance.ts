// store.tasks (optional): recent task states by provider id; non-terminal ones expire after their ttl.
import type { Task } from '../task.js';
import type { ConformanceContext } from './conformance-context.js';

export function describeTaskStateConformance(context: ConformanceContext): void {
  const { api, withStore, ms, sleep, unique, timeout } = context;
  const { describe, it, expect } = api;

  describe('tasks (recent task states)', () => {
    it(
      'keeps a state for its ttl and a terminal state without one; unknown ids are undefined',
      async () => {
        await withStore(async ({ tasks }) => {
          if (!tasks) return; // optional part of the store
          const running = unique('task');
          const done = unique('task');
          const state = (id: string, status: Task['status']) =>
            ({
              id,
              status,
              progress: status === 'SUCCEEDED' ? 1 : 0.5,
              createdAt: '2026-01-01T00:00:00.000Z',
              raw: null,
              ...(status === 'SUCCEEDED' ? { output: ['https://x.example/o.mp4'] } : {}),
            }) as unknown as Task;
          await tasks.set(running, { task: state(running, 'RUNNING'), readAt: 1000 }, ms(300));
          await tasks.set(done, { task: state(done, 'SUCCEEDED'), readAt: 2000 });
          expect(await tasks.get(running)).toEqual({ task: state(running, 'RUNNING'), readAt: 1000 });
          expect(await tasks.get(unique('missing'))).toBeUndefined();
          await sleep(ms(400));
          expect(await tasks.get(running)).toBeUndefined();
          expect((await tasks.get(done))?.task.status).toBe('SUCCEEDED');
        });
      },
      timeout(400),
    );
  });
}
