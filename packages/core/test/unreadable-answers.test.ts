// A 200 on a poll whose JSON cannot be read as the task asked for (`null`, `{}`, `[]`, another task's body,
// a gateway error inside the 200) says nothing about the task: `retrieve` throws UnreadableTaskError, and
// the polling loop reads it as "no news" (one warn line per task) until a readable answer or the deadline.
// A redirect or a wrong base URL still ends a wait at once. Over real HTTP, the emulator's `reply` fault.
import { describe, expect, it } from 'vitest';
import {
  type LogLevel,
  NotFoundError,
  type Task,
  TaskTimeoutError,
  UnexpectedResponseError,
  UnreadableTaskError,
} from '../src/index.js';
import { json, ledgerSetup } from './handler-helpers.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

async function setup(taskMs = 300) {
  const emu = await emulator({ taskMs, shape: 'bare' });
  const lines: { level: LogLevel; message: string }[] = [];
  const client = clientFor(emu, { logger: (level, message) => lines.push({ level, message }) });
  const { id } = await client.characterPerformance.create(input());
  const answer = (json: unknown, times = 1) => emu.inject({ kind: 'reply', route: 'getTask', json, times });
  return { emu, client, id, lines, answer };
}

const createdAt = '2025-01-02T03:04:05.000Z';
const gatewayError = { code: 'fail', message: 'upstream channel overloaded', data: null };

/** Each kind of unreadable 200, with the reason it must carry. */
const unreadable = (id: string): [string, unknown, string][] => [
  ['JSON null', null, 'not-an-object'],
  ['an empty object', {}, 'no-task-id'],
  ['an empty list', [], 'not-an-object'],
  [
    'another task’s SUCCEEDED body',
    { id: `${id}-other`, status: 'SUCCEEDED', createdAt, output: ['https://cdn.example.com/not-yours.mp4'] },
    'other-task',
  ],
  [
    'another task in the wrapped shape',
    { code: 'success', message: '', data: { task_id: `${id}-other`, status: 'SUCCESS', data: {} } },
    'other-task',
  ],
  ['a gateway error inside a 200', gatewayError, 'gateway-error'],
];

describe('retrieve: a 200 that cannot be read as this task', () => {
  it('throws UnreadableTaskError (an UnexpectedResponseError) with taskId and reason, for every kind', async () => {
    const { client, id, answer } = await setup(60_000);
    for (const [what, json, reason] of unreadable(id)) {
      answer(json);
      const error = await client.tasks.retrieve(id).catch((e) => e);
      expect(error, what).toBeInstanceOf(UnreadableTaskError);
      expect(error, what).toBeInstanceOf(UnexpectedResponseError);
      expect(error, what).toMatchObject({ taskId: id, reason, body: json });
    }
  });

  it("keeps a gateway's message in the error message (for server logs)", async () => {
    const { client, id, answer } = await setup(60_000);
    answer(gatewayError);
    const error = await client.tasks.retrieve(id).catch((e) => e);
    expect(error.message).toBe(
      `Task ${id}: the answer is a gateway error, not the task ("fail: upstream channel overloaded")`,
    );
  });

  it('names the other task, and accepts a wrapped body naming this task by either id', async () => {
    const { client, id, answer } = await setup(60_000);
    answer({ id: 'someone-else', status: 'RUNNING', createdAt });
    await expect(client.tasks.retrieve(id)).rejects.toThrow(
      /is about another task \(it names someone-else\)/,
    );
    // A gateway's own id (task_id) and Runway's (inner id) may differ: either one names the task.
    answer({
      code: 'success',
      message: '',
      data: { task_id: id, status: 'IN_PROGRESS', data: { id: 'runway-1', status: 'RUNNING', createdAt } },
    });
    answer({
      code: 'success',
      message: '',
      data: { task_id: 'gw-9', status: 'IN_PROGRESS', data: { id, status: 'RUNNING', createdAt } },
    });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ id, status: 'RUNNING' });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ id, status: 'RUNNING' });
  });
});

describe('wait/watch: an unreadable 200 is no news', () => {
  it('polls on through every kind (one warn line per task) and resolves with this task’s own output', async () => {
    const { emu, client, id, lines, answer } = await setup(200);
    const kinds = unreadable(id);
    for (const [, json] of kinds) answer(json);
    const seen: Task[] = [];
    const done = await client.tasks.wait(id, { pollIntervalMs: 20, onProgress: (t) => seen.push(t) });
    expect(done).toMatchObject({ id, status: 'SUCCEEDED' });
    expect(done.output).not.toContain('https://cdn.example.com/not-yours.mp4');
    expect(done.output[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(seen.every((t) => t.id === id)).toBe(true);
    expect(getCount(emu)).toBeGreaterThan(kinds.length);
    const warnings = lines.filter(
      (l) => l.level === 'warn' && /still polling until a readable answer/.test(l.message),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(id);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('unreadable until the deadline → TaskTimeoutError with the last known state', async () => {
    const { client, id, answer } = await setup(60_000);
    answer({ id, status: 'RUNNING', createdAt, progress: 0.3 });
    answer(gatewayError, 1000);
    const watched: Task[] = [];
    const error = await (async () => {
      for await (const task of client.tasks.watch(id, { pollIntervalMs: 20, timeoutMs: 400 }))
        watched.push(task);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error.lastTask).toMatchObject({ id, status: 'RUNNING', progress: 0.3 });
    expect(watched.map((t) => t.progress)).toEqual([0.3]);
  });

  it('a redirect still ends a wait at once (one GET), as an UnexpectedResponseError that is not "unreadable"', async () => {
    const { emu, client, id } = await setup(60_000);
    emu.resetStats();
    emu.inject({ kind: 'redirect', route: 'getTask' });
    const error = await client.tasks.wait(id, { pollIntervalMs: 20, timeoutMs: 5000 }).catch((e) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).not.toBeInstanceOf(UnreadableTaskError);
    expect(error.message).toMatch(/redirect.*baseUrl/);
    expect(getCount(emu)).toBe(1);
  });

  it('a wrong base URL (a path in front of the API) still ends a wait at once', async () => {
    const { emu, id } = await setup(60_000);
    emu.resetStats();
    const wrong = clientFor(emu, { baseUrl: `${emu.url}/v2` });
    const started = Date.now();
    const error = await wrong.tasks.wait(id, { pollIntervalMs: 20, timeoutMs: 5000 }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, taskId: id });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(emu.stats.requests).toBe(1);
  });
});

describe('through the server handler', () => {
  it('a read through an unreadable 200 answers the last known state, with no gateway words', async () => {
    const setup = await ledgerSetup({ taskMs: 60_000, shape: 'bare' }, { maxStaleMs: 0 });
    const created = await setup.post('alice');
    expect(created.status).toBe(202);
    const { handle } = json(created).task!;
    const before = json(await setup.get('alice', handle)).task!;
    setup.emu.inject({ kind: 'reply', route: 'getTask', json: gatewayError, times: 20 });
    const during = await setup.get('alice', handle);
    expect(during.status).toBe(200);
    expect(json(during).task).toMatchObject({ handle, status: before.status, progress: before.progress });
    expect(JSON.stringify(json(during))).not.toContain('overloaded');
    setup.emu.clearFaults();
  });
});
