// What reaches the client's logger at which level. Error lines are for faults (retries spent, an ambiguous
// paid create, a task that never became visible), not for answers that are the caller's doing or the
// task's state: a fresh task on CometAPI answers task_not_exist for a moment on every create, and alerting
// on error lines must not fire for it. Over real HTTP against the emulator.
import { describe, expect, it } from 'vitest';
import { type LogLevel, NotFoundError } from '../src/index.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

function collector() {
  const lines: { level: LogLevel; message: string }[] = [];
  const logger = (level: LogLevel, message: string) => lines.push({ level, message });
  const at = (level: LogLevel) => lines.filter((l) => l.level === level).map((l) => l.message);
  return { lines, logger, at };
}

describe('task_not_exist during the grace', () => {
  it('logs no error while tolerated: one info line when the loop starts tolerating, then the real task', async () => {
    const emu = await emulator({ notFoundPolls: 5, taskMs: 300 });
    const { logger, at } = collector();
    const client = clientFor(emu, { logger });
    const { id } = await client.characterPerformance.create(input());
    const done = await client.tasks.wait(id, { pollIntervalMs: 20 });
    expect(done.status).toBe('SUCCEEDED');
    expect(getCount(emu)).toBeGreaterThan(5);
    expect(at('error')).toEqual([]);
    expect(at('info')).toEqual([
      expect.stringMatching(new RegExp(`Task ${id} is not visible yet.*task_not_exist`)),
    ]);
  });

  it('after the grace: exactly one error line (the NotFoundError is the error), however many polls', async () => {
    const emu = await emulator({ notFoundPolls: 1000 });
    const { logger, at } = collector();
    const client = clientFor(emu, { logger });
    const { id } = await client.characterPerformance.create(input());
    const error = await client.tasks.wait(id, { pollIntervalMs: 25, notFoundGraceMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'task_not_exist', taskId: id });
    // Many polls were tolerated, and none of them logged an error.
    expect(getCount(emu)).toBeGreaterThanOrEqual(5);
    expect(at('error')).toEqual([
      expect.stringMatching(new RegExp(`Task ${id} still does not exist after 300 ms`)),
    ]);
    expect(at('info')).toHaveLength(1);
  });
});

describe('the transport', () => {
  it('logs an answer about the request or the task (400, 401, 404) at debug, not error', async () => {
    const emu = await emulator({ apiKey: 'right' });
    const { logger, at } = collector();
    const client = clientFor(emu, { logger });
    emu.inject({ kind: 'status', route: 'create', status: 400, param: 'seed', message: 'seed: bad' });
    await expect(client.characterPerformance.create(input())).rejects.toMatchObject({ status: 400 });
    await expect(client.tasks.retrieve('no-such-task')).rejects.toMatchObject({ status: 401 });
    const authorised = clientFor(emu, { logger, apiKey: 'right' });
    await expect(authorised.tasks.retrieve('no-such-task')).rejects.toBeInstanceOf(NotFoundError);
    expect(at('error')).toEqual([]);
    expect(
      at('debug').filter((m) => /not retried \(an answer about the request or the task\)/.test(m)),
    ).toHaveLength(3);
  });

  it('still logs an error when transient failures outlast the retries', async () => {
    const emu = await emulator();
    const { logger, at } = collector();
    const client = clientFor(emu, { logger, maxRetries: 1 });
    const { id } = await client.characterPerformance.create(input());
    emu.inject({ kind: 'status', route: 'getTask', status: 502, times: 2 });
    await expect(client.tasks.retrieve(id)).rejects.toMatchObject({ status: 502 });
    expect(at('error')).toEqual([expect.stringMatching(/giving up/)]);
  });
});
