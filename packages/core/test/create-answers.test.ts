// A create answered 2xx is a paid task taken by the provider. Whatever JSON comes back, it either yields
// the task's id (in any shape of the spec's CreateTaskAnswer: Runway's `{ id }`, a gateway's `{ task_id }`,
// CometAPI's wrapped `{ code: "success", data: { task_id } }`) or it is AMBIGUOUS: TaskMayExistError, never
// an error that invites a second create. Served over real HTTP by the emulator's `reply` fault.
import { describe, expect, it } from 'vitest';
import { zCreateTaskAnswer } from '../src/generated/cometapi-runway/zod.gen.js';
import { type LogLevel, TaskMayExistError, UnexpectedResponseError } from '../src/index.js';
import { unknownReasons } from '../src/server/ledger-view.js';
import { json, ledgerSetup } from './handler-helpers.js';
import { clientFor, createCount, emulator, input, testKey } from './helpers.js';

const idless: [string, unknown][] = [
  ['an empty object', {}],
  ['an empty id', { id: '' }],
  ['an id that is not text', { id: 42 }],
  ['a gateway error inside a 200', { code: 'fail', message: 'upstream busy', data: null }],
  ['the wrapped style with an empty data', { code: 'success', message: '', data: {} }],
  ['the wrapped style with an empty task_id', { code: 'success', message: '', data: { task_id: '' } }],
  ['a wrapped id under another code', { code: 'error', message: 'no', data: { task_id: 'x' } }],
  ['JSON null', null],
  ['a list', [{ id: 'x' }]],
  ['a string', 'ok'],
];

describe('create: a 2xx that yields no task id is ambiguous', () => {
  it.each(idless)(
    '%s → TaskMayExistError (cause UnexpectedResponseError, input, sentAt), one request',
    async (_, body) => {
      const emu = await emulator();
      emu.inject({ kind: 'reply', route: 'create', json: body, headers: { 'x-request-id': 'req-idless' } });
      const lines: { level: LogLevel; message: string }[] = [];
      const client = clientFor(emu, { logger: (level, message) => lines.push({ level, message }) });
      const before = Date.now();
      const error = await client.characterPerformance.create(input()).catch((e) => e);
      expect(error).toBeInstanceOf(TaskMayExistError);
      expect(error.cause).toBeInstanceOf(UnexpectedResponseError);
      expect(error.cause).not.toBeInstanceOf(TaskMayExistError);
      expect(error).toMatchObject({ status: 200, requestId: 'req-idless', body });
      expect(error.message).toMatch(/without a task id.*the task may exist/);
      // The body sent, as the other ambiguous paths report it, and when it was sent.
      expect(error.input).toMatchObject({ model: 'act_two', character: input().character });
      expect(Date.parse(error.sentAt)).toBeGreaterThanOrEqual(before - 5);
      expect(Date.parse(error.sentAt)).toBeLessThanOrEqual(Date.now());
      // Never sent twice: a paid task may be running.
      expect(createCount(emu)).toBe(1);
      expect(lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
        expect.stringMatching(/ambiguous answer, not retried/),
      ]);
    },
  );

  it("keeps the gateway's words in the message (server logs) and never the key", async () => {
    const emu = await emulator();
    emu.inject({
      kind: 'reply',
      route: 'create',
      json: { code: 'fail', message: `quota check failed for Bearer ${testKey}`, data: null },
    });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(TaskMayExistError);
    expect(error.message).toMatch(/the answer says fail: quota check failed for Bearer \*\*\*/);
    for (const text of [error.message, JSON.stringify(error), JSON.stringify(error.cause)]) {
      expect(text).not.toContain(testKey);
    }
  });
});

describe('create: the id is read from every shape of the spec’s CreateTaskAnswer', () => {
  it.each([
    ['Runway’s { id }', { id: 'task-runway' }, 'task-runway'],
    ['a gateway’s flat { task_id }', { task_id: 'task-flat' }, 'task-flat'],
    [
      'CometAPI’s wrapped { code, message, data: { task_id } }',
      { code: 'success', message: '', data: { task_id: 'task-wrapped' } },
      'task-wrapped',
    ],
    [
      'the wrapped style with data.id',
      { code: 'success', message: null, data: { id: 'task-wrapped-id' } },
      'task-wrapped-id',
    ],
  ])('%s', async (_, body, id) => {
    // The shape is one the spec models (so the accepted shapes come from the spec, not from this test).
    expect(zCreateTaskAnswer.safeParse(body).success).toBe(true);
    const emu = await emulator();
    emu.inject({ kind: 'reply', route: 'create', json: body });
    const created = await clientFor(emu).characterPerformance.create({ ...input(), seed: 11 });
    expect(created).toEqual({ id, seed: 11 });
    expect(createCount(emu)).toBe(1);
  });

  it('an unreadable estimatedCost does not hide the id (the task exists either way)', async () => {
    const emu = await emulator();
    emu.inject({
      kind: 'reply',
      route: 'create',
      json: { id: 'task-1', estimatedCost: { credits: 'lots' } },
    });
    const created = await clientFor(emu).characterPerformance.create({ ...input(), seed: 3 });
    expect(created).toEqual({ id: 'task-1', seed: 3 });
    emu.inject({ kind: 'reply', route: 'create', json: { id: 'task-2', estimatedCost: { credits: 25 } } });
    await expect(clientFor(emu).characterPerformance.create({ ...input(), seed: 3 })).resolves.toEqual({
      id: 'task-2',
      seed: 3,
      estimatedCost: { credits: 25 },
    });
  });

  it('the emulator’s own answer still yields its task, with the seed that was sent', async () => {
    const emu = await emulator();
    const created = await clientFor(emu).characterPerformance.create(input());
    expect(emu.task(created.id)?.body).toMatchObject({ seed: created.seed });
  });
});

describe('through the server handler: an id-less 200 keeps its ledger record', () => {
  it('is listed as UNKNOWN and keeps its active-task slot, so the owner cannot pay twice', async () => {
    const setup = await ledgerSetup(
      { taskMs: 60_000 },
      { limits: { activeTasks: 1, createsPerMinute: 100 } },
    );
    setup.emu.inject({ kind: 'reply', route: 'create', json: { code: 'fail', message: 'busy', data: null } });
    const answer = await setup.post('alice');
    expect(answer.status).toBe(502);
    expect(json(answer)).toMatchObject({ type: expect.stringMatching(/task-may-exist/) });
    const [listed] = await setup.tasks('alice');
    expect(listed).toMatchObject({ status: 'UNKNOWN', reason: unknownReasons.notConfirmed });
    // The slot stays taken: a second create is refused before anything is sent.
    expect((await setup.post('alice')).status).toBe(429);
    expect(createCount(setup.emu)).toBe(1);
  });
});
