import { describe, expect, it } from 'vitest';
import { FAILURE_TRIGGERS } from '../src/index.js';
import {
  bare,
  create,
  deleteTask,
  getTask,
  signedOutput,
  sleep,
  validBody,
  waitForStatus,
  withEmulator,
} from './helpers.js';

describe('task lifecycle in real time', () => {
  it('PENDING → RUNNING with rising progress → SUCCEEDED with an output URL', async () => {
    // 6 s: PENDING is 10% of a task (600 ms here), long enough for the first read to see it on a busy machine
    // (300 ms was not, once, in a loaded CI run).
    await withEmulator({ taskMs: 6000, shape: 'bare' }, async (emu) => {
      const { json } = await create(emu);
      const seen: { status: string; progress?: number }[] = [];
      for (;;) {
        const task = (await getTask(emu, json.id)).json;
        seen.push(task);
        if (task.status === 'SUCCEEDED') break;
        await sleep(40);
      }
      const statuses = [...new Set(seen.map((t) => t.status))];
      expect(statuses).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
      const progress = seen.filter((t) => t.status === 'RUNNING').map((t) => t.progress!);
      expect(progress.length).toBeGreaterThan(3);
      expect([...progress].sort((a, b) => a - b)).toEqual(progress);
      expect(progress.every((p) => p >= 0 && p < 1)).toBe(true);
      const last = seen.at(-1)!;
      expect(last).toMatchObject({ progress: 1, output: [signedOutput(emu, json.id)] });
    });
  });

  it('THROTTLED while the concurrency cap is full, then runs in creation order', async () => {
    await withEmulator({ taskMs: 1000, concurrency: 1 }, async (emu) => {
      const a = (await create(emu)).json.id;
      const b = (await create(emu)).json.id;
      await waitForStatus(emu, a, ['RUNNING']);
      // b leaves its own short PENDING phase a moment after a (it was created later): wait for THROTTLED, not
      // RUNNING, while a still holds the only slot.
      await waitForStatus(emu, b, ['THROTTLED']);
      expect((await getTask(emu, a, { prefix: '' })).json.status).toBe('RUNNING');
      const wrapped = (await getTask(emu, b)).json;
      expect(wrapped.data).toMatchObject({ status: 'QUEUED', progress: '0%', start_time: 0 });
      await waitForStatus(emu, b, ['RUNNING']);
      expect((await getTask(emu, a, { prefix: '' })).json.status).toBe('SUCCEEDED');
      await waitForStatus(emu, b, ['SUCCEEDED']);
      expect(emu.task(b)!.startedAt!).toBeGreaterThanOrEqual(emu.task(a)!.finishedAt!);
    });
  });

  it('cancelling a running task frees its slot for the next one at once', async () => {
    await withEmulator({ taskMs: 1500, concurrency: 1 }, async (emu) => {
      const a = (await create(emu)).json.id;
      const b = (await create(emu)).json.id;
      await waitForStatus(emu, a, ['RUNNING']);
      expect((await deleteTask(emu, a)).status).toBe(204);
      expect((await getTask(emu, a, { prefix: '' })).json.status).toBe('CANCELLED');
      const wrapped = (await getTask(emu, a)).json.data;
      expect(wrapped).toMatchObject({ status: 'FAILURE' });
      expect(wrapped.finish_time).toBeGreaterThan(0);
      await waitForStatus(emu, b, ['RUNNING'], 300);
    });
  });

  it('cancelling a THROTTLED task', async () => {
    await withEmulator({ taskMs: 1000, concurrency: 1 }, async (emu) => {
      const a = (await create(emu)).json.id;
      const b = (await create(emu)).json.id;
      await waitForStatus(emu, b, ['THROTTLED']);
      expect((await deleteTask(emu, b)).status).toBe(204);
      expect((await getTask(emu, b, { prefix: '' })).json.status).toBe('CANCELLED');
      expect((await getTask(emu, a, { prefix: '' })).json.status).not.toBe('CANCELLED');
    });
  });

  it('task_not_exist (HTTP 400) for the first N polls of a fresh task, on the CometAPI route only', async () => {
    await withEmulator({ taskMs: 500, notFoundPolls: 2 }, async (emu) => {
      const { json } = await create(emu);
      for (let i = 0; i < 2; i++) {
        const res = await getTask(emu, json.id);
        expect(res.status).toBe(400);
        expect(res.json).toEqual({ code: 'task_not_exist', message: 'task_not_exist', data: null });
      }
      expect((await getTask(emu, json.id)).status).toBe(200);
      const other = (await create(emu)).json.id;
      // Runway's own route never shows it.
      expect((await getTask(emu, other, { prefix: '' })).status).toBe(200);
      expect(emu.task(json.id)!.polls).toBe(3);
    });
  });

  it.each([
    [
      'fail-moderation in a character image',
      { character: { type: 'image', uri: 'https://a.example/fail-moderation.png' } },
      'SAFETY.INPUT.IMAGE',
    ],
    [
      'fail-moderation in a character video',
      { character: { type: 'video', uri: 'https://a.example/fail-moderation.mp4' } },
      'SAFETY.INPUT.VIDEO',
    ],
    [
      'fail-moderation in the reference',
      { reference: { type: 'video', uri: 'https://a.example/ref-fail-moderation.mp4' } },
      'SAFETY.INPUT.VIDEO',
    ],
    [
      'fail-output-moderation',
      { reference: { type: 'video', uri: 'https://a.example/fail-output-moderation.mp4' } },
      'SAFETY.OUTPUT.VIDEO',
    ],
    [
      'fail-asset',
      { character: { type: 'image', uri: 'https://a.example/fail-asset.png' } },
      'ASSET.INVALID',
    ],
    [
      'fail-internal',
      { character: { type: 'image', uri: 'https://a.example/x.png?fail-internal' } },
      'INTERNAL.BAD_OUTPUT.CODE01',
    ],
    [
      'fail-unavailable',
      { reference: { type: 'video', uri: 'https://fail-unavailable.example/r.mp4' } },
      'THIRD_PARTY.UNAVAILABLE',
    ],
  ])('%s fails the task partway through running with %s', async (_name, overrides, failureCode) => {
    await withEmulator({ taskMs: 600 }, async (emu) => {
      const { json } = await create(emu, validBody(overrides));
      const running = await waitForStatus(emu, json.id, ['RUNNING', 'FAILED']);
      expect(running.status).toBe('RUNNING');
      const failed = await waitForStatus(emu, json.id, ['FAILED', 'SUCCEEDED']);
      expect(failed).toMatchObject({ status: 'FAILED', failureCode });
      expect(failed.failure).toEqual(expect.any(String));
      expect(failed.output).toBeUndefined();
      const info = emu.task(json.id)!;
      // Fails halfway through the run, well before the task would have finished.
      expect(info.finishedAt! - info.createdAt).toBeLessThan(600);
      const wrapped = (await getTask(emu, json.id)).json.data;
      expect(wrapped.status).toBe('FAILURE');
      expect(wrapped.fail_reason).toContain(failureCode);
    });
  });

  it('documents every trigger word', () => {
    expect(FAILURE_TRIGGERS).toEqual([
      'fail-output-moderation',
      'fail-moderation',
      'fail-asset',
      'fail-internal',
      'fail-unavailable',
    ]);
  });

  it('taskMs may be a function of the body and the creation index', async () => {
    await withEmulator(
      { taskMs: (body, index) => (body.expressionIntensity === 5 ? 200 : 100 + index) },
      async (emu) => {
        const a = (await create(emu)).json.id;
        const b = (await create(emu, validBody({ expressionIntensity: 5 }))).json.id;
        expect(emu.task(a)!.durationMs).toBe(100);
        expect(emu.task(b)!.durationMs).toBe(200);
      },
    );
  });
});

describe('Get Task Details shapes', () => {
  it("'wrapped' maps statuses, percent progress and unix seconds around the bare task", async () => {
    await withEmulator({ taskMs: 400, shape: 'wrapped' }, async (emu) => {
      const { json } = await create(emu);
      const first = (await getTask(emu, json.id)).json;
      expect(first).toMatchObject({
        code: 'success',
        message: '',
        data: {
          task_id: json.id,
          action: 'character_performance',
          status: 'SUBMITTED',
          progress: '0%',
          start_time: 0,
          finish_time: 0,
          fail_reason: '',
        },
      });
      expect(first.data.submit_time).toBe(Math.floor(emu.task(json.id)!.createdAt / 1000));
      expect(first.data.data).toMatchObject({ id: json.id, status: 'PENDING' });
      await waitForStatus(emu, json.id, ['RUNNING']);
      const running = (await getTask(emu, json.id)).json.data;
      expect(running.status).toBe('IN_PROGRESS');
      expect(running.progress).toMatch(/^\d{1,2}%$/);
      expect(running.start_time).toBeGreaterThan(0);
      await waitForStatus(emu, json.id, ['SUCCEEDED']);
      const done = (await getTask(emu, json.id)).json.data;
      expect(done).toMatchObject({ status: 'SUCCESS', progress: '100%' });
      expect(done.finish_time).toBeGreaterThanOrEqual(done.start_time);
      expect(done.data.output).toEqual([signedOutput(emu, json.id)]);
    });
  });

  it("'bare' answers Runway's task on the CometAPI route", async () => {
    await withEmulator({ taskMs: 400, shape: 'bare' }, async (emu) => {
      const { json } = await create(emu);
      const res = (await getTask(emu, json.id)).json;
      expect(res).toMatchObject({ id: json.id, status: 'PENDING' });
      expect(res.code).toBeUndefined();
    });
  });

  it("'mixed' alternates wrapped and bare per poll of a task; native stays bare", async () => {
    await withEmulator({ taskMs: 400, shape: 'mixed' }, async (emu) => {
      const { json } = await create(emu);
      const shapes = [];
      for (let i = 0; i < 4; i++)
        shapes.push((await getTask(emu, json.id)).json.code === 'success' ? 'wrapped' : 'bare');
      expect(shapes).toEqual(['wrapped', 'bare', 'wrapped', 'bare']);
      expect(bare((await getTask(emu, json.id)).json).id).toBe(json.id);
      for (let i = 0; i < 2; i++)
        expect((await getTask(emu, json.id, { prefix: '' })).json.code).toBeUndefined();
    });
  });
});
