import { describe, expect, it } from 'vitest';
import { runwayVersionDefault } from '../src/generated/cometapi-runway/defaults.gen.js';
import {
  ActkitError,
  AuthenticationError,
  createActkitClient,
  NotFoundError,
  type Task,
  TaskCancelledError,
  TaskFailedError,
} from '../src/index.js';
import { clientFor, emulator, input, testKey } from './helpers.js';

describe('createActkitClient', () => {
  it('throws a clear ActkitError naming COMETAPI_KEY when no key is given or set', () => {
    const saved = process.env.COMETAPI_KEY;
    delete process.env.COMETAPI_KEY;
    try {
      expect(() => createActkitClient()).toThrow(ActkitError);
      expect(() => createActkitClient()).toThrow(/COMETAPI_KEY/);
    } finally {
      if (saved !== undefined) process.env.COMETAPI_KEY = saved;
    }
  });

  it('reads the key from COMETAPI_KEY', async () => {
    const emu = await emulator({ apiKey: testKey });
    const saved = process.env.COMETAPI_KEY;
    process.env.COMETAPI_KEY = testKey;
    try {
      const client = createActkitClient({ baseUrl: emu.url });
      await expect(client.characterPerformance.create(input())).resolves.toMatchObject({
        id: expect.any(String),
      });
    } finally {
      if (saved === undefined) delete process.env.COMETAPI_KEY;
      else process.env.COMETAPI_KEY = saved;
    }
  });

  it('sends the spec-default X-Runway-Version and the Bearer key (the emulator checks both)', async () => {
    const emu = await emulator({ apiKey: testKey });
    const seen: Headers[] = [];
    const client = clientFor(emu, {
      fetch: (url, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(url, init);
      },
    });
    await client.characterPerformance.create(input());
    expect(seen[0]?.get('x-runway-version')).toBe(runwayVersionDefault);
    expect(seen[0]?.get('authorization')).toBe(`Bearer ${testKey}`);
  });

  it('maps a wrong key to AuthenticationError without retrying', async () => {
    const emu = await emulator({ apiKey: testKey });
    const client = clientFor(emu, { apiKey: 'wrong-key' });
    await expect(client.characterPerformance.create(input())).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.tasks.retrieve('abc')).rejects.toBeInstanceOf(AuthenticationError);
    expect(emu.stats.requests).toBe(2);
    expect(emu.stats.tasksCreated).toBe(0);
  });
});

describe('create → retrieve → wait over HTTP', () => {
  for (const shape of ['bare', 'wrapped', 'mixed'] as const) {
    it(`normalises the ${shape} shape and waits for SUCCEEDED`, async () => {
      const emu = await emulator({ shape, taskMs: 500 });
      const client = clientFor(emu);
      const created = await client.characterPerformance.create(input());
      expect(created.id).toEqual(expect.any(String));
      expect(emu.task(created.id)?.body).toMatchObject({ model: 'act_two', bodyControl: true });

      const first = await client.tasks.retrieve(created.id);
      expect(first.id).toBe(created.id);
      expect(['PENDING', 'THROTTLED', 'RUNNING']).toContain(first.status);
      expect(first.raw).toBeTypeOf('object');
      expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);

      const seen: Task[] = [];
      const done = await client.tasks.wait(created.id, {
        pollIntervalMs: 100,
        onProgress: (t) => seen.push(t),
      });
      expect(done.status).toBe('SUCCEEDED');
      expect(done.progress).toBe(1);
      expect(done.output[0]).toMatch(/^http/);
      expect(seen.at(-1)?.status).toBe('SUCCEEDED');
      for (const t of seen) expect(t.progress).toBeGreaterThanOrEqual(0);
    });
  }

  it('watch yields changes and ends at the terminal state', async () => {
    const emu = await emulator({ taskMs: 600 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const statuses: string[] = [];
    let lastProgress = -1;
    for await (const task of client.tasks.watch(id, { pollIntervalMs: 50 })) {
      statuses.push(task.status);
      expect(task.progress).toBeGreaterThanOrEqual(lastProgress);
      lastProgress = task.progress;
    }
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(statuses).toContain('RUNNING');
  });

  it('run = create + wait', async () => {
    const emu = await emulator({ taskMs: 300 });
    const client = clientFor(emu);
    let createdId = '';
    const task = await client.characterPerformance.run(input(), {
      pollIntervalMs: 50,
      onCreated: (c) => {
        createdId = c.id;
      },
    });
    expect(task.id).toBe(createdId);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it.each([
    ['fail-moderation', 'SAFETY.INPUT.IMAGE', false],
    ['fail-asset', 'ASSET.INVALID', false],
    ['fail-internal', 'INTERNAL.BAD_OUTPUT.CODE01', false],
    ['fail-unavailable', 'THIRD_PARTY.UNAVAILABLE', true],
  ])('a %s task throws TaskFailedError(%s, retryable %s)', async (trigger, code, retryable) => {
    const emu = await emulator({ taskMs: 300 });
    const client = clientFor(emu);
    const error = await client.characterPerformance
      .run(input(trigger), { pollIntervalMs: 50 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ failureCode: code, retryable, code });
    expect((error as TaskFailedError).task.status).toBe('FAILED');
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('a cancelled task throws TaskCancelledError (a TaskFailedError with failureCode CANCELLED)', async () => {
    const emu = await emulator({ taskMs: 5000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    // CometAPI documents no cancel route; the emulator offers Runway's DELETE to reach this state.
    await fetch(`${emu.url}/v1/tasks/${id}`, { method: 'DELETE', headers: { authorization: 'Bearer k' } });
    const error = await client.tasks.wait(id, { pollIntervalMs: 50 }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskCancelledError);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ failureCode: 'CANCELLED', retryable: false });
    expect(error.task.status).toBe('CANCELLED');
  });

  it('retrieve of an unknown id is a NotFoundError', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const error = await client.tasks.retrieve('no-such-task').catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('waits out task_not_exist right after create', async () => {
    const emu = await emulator({ notFoundPolls: 2, taskMs: 300 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    await expect(client.tasks.retrieve(id)).rejects.toMatchObject({ code: 'task_not_exist' });
    const done = await client.tasks.wait(id, { pollIntervalMs: 50 });
    expect(done.status).toBe('SUCCEEDED');
  });

  it('gives up on task_not_exist after the grace period', async () => {
    const emu = await emulator({ notFoundPolls: 1000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const error = await client.tasks.wait(id, { pollIntervalMs: 30, notFoundGraceMs: 200 }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
