// The odd answers gateways in front of Runway send (api-facts.md, "Gateways"), served over real HTTP by the
// emulator's `reply` fault in place of its own task answers: status words in other cases and new ones, a
// "success" with no output, unreadable progress, empty or non-JSON 200s, no creation time. Each test
// shows that a wait, a watch or a retrieve does the right thing with the whole kind of answer.
import type { Emulator } from '@actkit/emulator';
import { describe, expect, it } from 'vitest';
import {
  type LogLevel,
  missingOutputReads,
  type Task,
  TaskOutputMissingError,
  TaskTimeoutError,
  UnexpectedResponseError,
  UnknownTaskStatusError,
} from '../src/index.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) until the emulator's own state of the task is SUCCEEDED. */
async function finished(emu: Emulator, id: string) {
  for (let i = 0; i < 200 && emu.task(id)?.status !== 'SUCCEEDED'; i++) await sleep(20);
  expect(emu.task(id)?.status).toBe('SUCCEEDED');
}

async function setup(taskMs = 300) {
  const emu = await emulator({ taskMs, shape: 'bare' });
  const lines: { level: LogLevel; message: string }[] = [];
  const client = clientFor(emu, { logger: (level, message) => lines.push({ level, message }) });
  const { id } = await client.characterPerformance.create(input());
  /** Queues one answer of Get Task Details (a body as the provider would send it). */
  const answer = (json: unknown, times = 1) => emu.inject({ kind: 'reply', route: 'getTask', json, times });
  return { emu, client, id, lines, answer };
}

/** CometAPI's wrapped envelope around an inner Runway task. */
const wrapped = (id: string, status: string, extra: Record<string, unknown> = {}, inner: object = {}) => ({
  code: 'success',
  message: '',
  data: {
    task_id: id,
    action: 'character_performance',
    status,
    fail_reason: '',
    submit_time: 1735787045,
    start_time: 0,
    finish_time: 0,
    progress: '0%',
    data: inner,
    ...extra,
  },
});

const createdAt = '2025-01-02T03:04:05.000Z';

describe('1. status words', () => {
  it('reads wrapper and Runway words in any letter case', async () => {
    const { client, id, answer } = await setup();
    answer(wrapped(id, 'in_progress', { progress: '30%' }));
    answer(wrapped(id, 'Queued'));
    answer({ id, status: 'running', createdAt, progress: 0.5 });
    answer(wrapped(id, 'success', { progress: '100%' }, { output: ['https://cdn.example.com/a.mp4'] }));
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ status: 'RUNNING', progress: 0.3 });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ status: 'PENDING' });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ status: 'RUNNING', progress: 0.5 });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({
      status: 'SUCCEEDED',
      output: ['https://cdn.example.com/a.mp4'],
    });
  });

  it('retrieve alone throws UnknownTaskStatusError (an UnexpectedResponseError) with the word and taskId', async () => {
    const { client, id, answer } = await setup();
    answer(wrapped(id, 'RENDERING'));
    const error = await client.tasks.retrieve(id).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownTaskStatusError);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ taskId: id, statusWord: 'RENDERING' });
  });

  it('an unknown word does not end wait: it polls on (one warn line per task) until the real SUCCEEDED', async () => {
    const { emu, client, id, lines, answer } = await setup();
    answer(wrapped(id, 'rendering'), 2);
    answer({ id, status: 'post_processing', createdAt, progress: 0.777777 }, 2);
    const seen: Task[] = [];
    const done = await client.tasks.wait(id, { pollIntervalMs: 20, onProgress: (t) => seen.push(t) });
    expect(done).toMatchObject({ id, status: 'SUCCEEDED' });
    expect(done.output[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // Four no-news reads, then the emulator's own answers.
    expect(getCount(emu)).toBeGreaterThanOrEqual(5);
    // Nothing of the unknown answers reached the caller: only states the emulator itself reported.
    expect(seen.map((t) => t.progress)).not.toContain(0.777777);
    const warnings = lines.filter(
      (l) => l.level === 'warn' && /status the client does not know/.test(l.message),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(id);
  });

  it('an unknown word until the deadline ends in TaskTimeoutError with the last known state', async () => {
    const { client, id, answer } = await setup(60_000);
    answer({ id, status: 'RUNNING', createdAt, progress: 0.4 });
    answer({ id, status: 'mystery', createdAt, progress: 0.6 }, 1000);
    const watched: Task[] = [];
    const error = await (async () => {
      for await (const task of client.tasks.watch(id, { pollIntervalMs: 20, timeoutMs: 400 }))
        watched.push(task);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error.lastTask).toMatchObject({ status: 'RUNNING', progress: 0.4 });
    expect(watched.map((t) => t.status)).toEqual(['RUNNING']);
  });
});

describe('2. SUCCEEDED without an output URL', () => {
  it('wait reads again and resolves only with the output', async () => {
    const { emu, client, id, answer } = await setup(200);
    await finished(emu, id);
    answer(wrapped(id, 'SUCCESS', { progress: '100%' }));
    answer({ id, status: 'SUCCEEDED', createdAt, output: [] });
    const done = await client.tasks.wait(id, { pollIntervalMs: 20 });
    expect(done.output[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/outputs\//);
    expect(getCount(emu)).toBe(3);
  });

  it(`never hands one out: after ${missingOutputReads} reads in a row, TaskOutputMissingError with taskId`, async () => {
    const { emu, client, id, answer } = await setup(200);
    await finished(emu, id);
    answer({ id, status: 'succeeded', createdAt, output: [null, ''] }, 1000);
    const retrieved = await client.tasks.retrieve(id).catch((e) => e);
    expect(retrieved).toBeInstanceOf(TaskOutputMissingError);
    expect(retrieved).toMatchObject({ taskId: id, reads: 1 });

    emu.resetStats();
    const watched: Task[] = [];
    const error = await (async () => {
      for await (const task of client.tasks.watch(id, { pollIntervalMs: 10 })) watched.push(task);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(TaskOutputMissingError);
    expect(error).toMatchObject({ taskId: id, reads: missingOutputReads });
    expect(watched).toEqual([]);
    expect(getCount(emu)).toBe(missingOutputReads);

    const waited = await client.tasks.wait(id, { pollIntervalMs: 10 }).catch((e) => e);
    expect(waited).toBeInstanceOf(TaskOutputMissingError);
  });
});

describe('3. progress', () => {
  it('an unreadable or lower value keeps the last known progress; 1 only at SUCCEEDED', async () => {
    const { emu, client, id, answer } = await setup(200);
    await finished(emu, id);
    const running = (progress: unknown) => ({ id, status: 'RUNNING', createdAt, progress });
    answer(running(0.5));
    answer(running(''));
    answer(running('abc'));
    answer(wrapped(id, 'IN_PROGRESS', { progress: '50.0%%' }, { id, status: 'RUNNING', createdAt }));
    answer(running(null));
    answer({ id, status: 'RUNNING', createdAt });
    answer(running(0.3));
    answer(running('70%'));
    answer(running(Number.NaN));
    answer(running(1));
    const fromCallback: number[] = [];
    const fromWatch: number[] = [];
    const watching = (async () => {
      for await (const task of client.tasks.watch(id, { pollIntervalMs: 15 })) fromWatch.push(task.progress);
    })();
    await watching;
    // A second, independent loop over the same answers: onProgress sees the same thing.
    answer(running(0.5));
    answer(running(''));
    answer(running(0.2));
    await client.tasks.wait(id, { pollIntervalMs: 15, onProgress: (t) => fromCallback.push(t.progress) });

    expect(fromWatch).toEqual([0.5, 0.7, 0.99, 1]);
    expect(fromCallback).toEqual([0.5, 1]);
  });

  it('retrieve alone reads a percent number, a percent string and a fraction; unreadable is 0', async () => {
    const { client, id, answer } = await setup(60_000);
    answer({ id, status: 'RUNNING', createdAt, progress: 42 });
    answer(wrapped(id, 'IN_PROGRESS', { progress: ' 12.5 % ' }));
    answer({ id, status: 'RUNNING', createdAt, progress: '0.25' });
    answer({ id, status: 'RUNNING', createdAt, progress: '' });
    const read = async () => (await client.tasks.retrieve(id)).progress;
    expect([await read(), await read(), await read(), await read()]).toEqual([0.42, 0.125, 0.25, 0]);
  });
});

describe('4. an empty or non-JSON 200 on a read', () => {
  it('is retried with backoff like a 5xx', async () => {
    const { emu, client, id } = await setup(60_000);
    emu.inject({ kind: 'reply', route: 'getTask', body: '' });
    emu.inject({ kind: 'reply', route: 'getTask', contentType: 'text/plain', body: 'OK' });
    emu.inject({ kind: 'reply', route: 'getTask', body: '{"id":' });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ id, status: expect.any(String) });
    expect(getCount(emu)).toBe(4);
  });

  it('after the retries: UnexpectedResponseError naming the empty body, with taskId', async () => {
    const { emu, client, id } = await setup(60_000);
    emu.inject({ kind: 'reply', route: 'getTask', body: '', times: 10 });
    const error = await client.tasks.retrieve(id).catch((e) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.message).toMatch(/empty body/);
    expect(error).toMatchObject({ taskId: id, status: 200 });
    expect(getCount(emu)).toBe(4);
  });

  it('does not end a wait when it passes', async () => {
    const { emu, client, id } = await setup(200);
    emu.inject({ kind: 'reply', route: 'getTask', body: '', times: 2 });
    await expect(client.tasks.wait(id, { pollIntervalMs: 20 })).resolves.toMatchObject({
      status: 'SUCCEEDED',
    });
  });
});

describe('5. a missing creation time', () => {
  it('is the time the task was first seen, the same on every state of a watch; never the epoch', async () => {
    const { emu, client, id, answer } = await setup(200);
    await finished(emu, id);
    answer({ id, status: 'RUNNING', progress: 0.2 });
    answer(wrapped(id, 'IN_PROGRESS', { progress: '40%', submit_time: 0 }));
    answer({ id, status: 'RUNNING', progress: 0.6, createdAt: '1970-01-01T00:00:00.000Z' });
    const before = Date.now();
    const states: Task[] = [];
    for await (const task of client.tasks.watch(id, { pollIntervalMs: 40 })) states.push(task);
    const running = states.filter((t) => t.status === 'RUNNING');
    expect(running.map((t) => t.progress)).toEqual([0.2, 0.4, 0.6]);
    const first = Date.parse(running[0]?.createdAt ?? '');
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThan(before + 1000);
    expect(new Set(running.map((t) => t.createdAt)).size).toBe(1);
    // The emulator's own answer has a real createdAt: it wins when given.
    expect(states.at(-1)).toMatchObject({ status: 'SUCCEEDED' });
    expect(Date.parse(states.at(-1)?.createdAt ?? '')).toBe(emu.task(id)?.createdAt);
  });

  it('a lone retrieve uses the time of that read', async () => {
    const { client, id, answer } = await setup(60_000);
    answer({ id, status: 'PENDING' });
    const before = Date.now();
    const task = await client.tasks.retrieve(id);
    const after = Date.now();
    expect(Date.parse(task.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(task.createdAt)).toBeLessThanOrEqual(after);
  });
});
