// GET /tasks/{handle} through a provider answer that says nothing new (a status word nobody knows, a
// SUCCEEDED without its output) answers the last known state, as the event stream waits through it, instead
// of a 502 a polling browser would show as an error. And a FAILED task's code reaches the browser only when
// it is one of Runway's codes: a gateway can put any text in that field.
import { describe, expect, it } from 'vitest';
import { json, ledgerSetup } from './handler-helpers.js';

const at = () => new Date().toISOString();

/** Starts a task for alice; its handle and provider id (from the ledger). */
async function started(setup: Awaited<ReturnType<typeof ledgerSetup>>) {
  const created = await setup.post('alice');
  expect(created.status).toBe(202);
  const [record] = await setup.store.ledger.list('alice', { limit: 1 });
  return { handle: json(created).task!.handle, taskId: record!.taskId! };
}

describe('a read through an answer that says nothing new', () => {
  it.each([
    ['an unknown status word', (id: string) => ({ id, status: 'REBALANCING', createdAt: at() })],
    [
      'a SUCCEEDED with no output',
      (id: string) => ({ id, status: 'SUCCEEDED', output: [], createdAt: at() }),
    ],
  ])('%s → 200 with the last known state, not 502', async (_what, body) => {
    const setup = await ledgerSetup({ taskMs: 60_000, shape: 'bare' }, { maxStaleMs: 0 });
    const { handle, taskId } = await started(setup);
    const first = await setup.get('alice', handle);
    expect(first.status).toBe(200);
    const before = json(first).task!;
    setup.emu.inject({ kind: 'reply', route: 'getTask', json: body(taskId), times: 20 });
    const during = await setup.get('alice', handle);
    expect(during.status).toBe(200);
    expect(json(during).task).toMatchObject({ handle, status: before.status, progress: before.progress });
    setup.emu.clearFaults();
  });
});

describe("a FAILED task's code in the browser", () => {
  it.each([
    ['SAFETY.INPUT.IMAGE', 'SAFETY.INPUT.IMAGE'],
    ['INTERNAL.BAD_OUTPUT.CODE01', 'INTERNAL.BAD_OUTPUT.CODE01'],
    ['X.SECRETHOST', undefined],
    ['bucket-7f3a.corp.example timed out', undefined],
  ])('%s → %s', async (code, shown) => {
    const setup = await ledgerSetup({ taskMs: 60_000, shape: 'bare' }, { maxStaleMs: 0 });
    const { handle, taskId } = await started(setup);
    setup.emu.inject({
      kind: 'reply',
      route: 'getTask',
      json: { id: taskId, status: 'FAILED', failure: 'provider words', failureCode: code, createdAt: at() },
      times: 20,
    });
    const answer = json(await setup.get('alice', handle)).task as unknown as Record<string, unknown>;
    expect(answer.status).toBe('FAILED');
    expect(answer.failureCode).toBe(shown);
    expect(JSON.stringify(answer)).not.toContain('provider words');
    setup.emu.clearFaults();
  });
});
