// Every wait is abortable at once (the sleep between polls and the request in flight), and wait's
// timeoutMs is a deadline, not a hint.
import { describe, expect, it } from 'vitest';
import { ActkitAbortError, RequestTimeoutError, TaskTimeoutError } from '../src/index.js';
import { clientFor, emulator, input } from './helpers.js';

const abortAfter = (ms: number) => {
  const controller = new AbortController();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = Date.now();
    controller.abort();
  }, ms);
  return { signal: controller.signal, abortedAt: () => abortedAt };
};

describe('abort', () => {
  it('ends a request in flight at once (latency fault makes it hang)', async () => {
    const emu = await emulator({ taskMs: 5000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    emu.inject({ kind: 'latency', route: 'getTask', ms: 5000, times: 5 });
    const abort = abortAfter(200);
    const error = await client.tasks.wait(id, { signal: abort.signal }).catch((e) => e);
    expect(error).toBeInstanceOf(ActkitAbortError);
    expect(Date.now() - abort.abortedAt()).toBeLessThan(50);
  });

  it('ends the sleep between polls at once', async () => {
    const emu = await emulator({ taskMs: 20_000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const abort = abortAfter(200);
    const error = await client.tasks
      .wait(id, { signal: abort.signal, pollIntervalMs: 10_000 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ActkitAbortError);
    expect(Date.now() - abort.abortedAt()).toBeLessThan(50);
  });

  it('ends a retry backoff at once', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    emu.inject({ kind: 'status', route: 'getTask', status: 429, retryAfter: 30 });
    const abort = abortAfter(150);
    const error = await client.tasks.retrieve(id, { signal: abort.signal }).catch((e) => e);
    expect(error).toBeInstanceOf(ActkitAbortError);
    expect(Date.now() - abort.abortedAt()).toBeLessThan(50);
  });

  it('an abort during a create in flight says the task may exist', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'latency', route: 'create', ms: 3000 });
    const abort = abortAfter(150);
    const error = await clientFor(emu)
      .characterPerformance.create(input(), { signal: abort.signal })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ActkitAbortError);
    expect(error.taskMayExist).toBe(true);
    expect(Date.now() - abort.abortedAt()).toBeLessThan(50);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const emu = await emulator();
    const error = await clientFor(emu)
      .characterPerformance.create(input(), { signal: AbortSignal.abort() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ActkitAbortError);
    expect(error.taskMayExist).toBe(false);
    expect(emu.stats.requests).toBe(0);
  });
});

describe('timeouts', () => {
  it("wait's timeoutMs is not overshot even while a request hangs", async () => {
    const emu = await emulator({ taskMs: 20_000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    emu.inject({ kind: 'latency', route: 'getTask', ms: 5000, times: 5 });
    const started = Date.now();
    const error = await client.tasks.wait(id, { timeoutMs: 400 }).catch((e) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(395);
    expect(elapsed).toBeLessThan(400 + 100);
  });

  it("wait's timeoutMs is not overshot by the sleep between polls; the error keeps the last state", async () => {
    const emu = await emulator({ taskMs: 20_000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const started = Date.now();
    const error = await client.tasks.wait(id, { timeoutMs: 500, pollIntervalMs: 10_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(Date.now() - started).toBeLessThan(600);
    expect(error.lastTask?.id).toBe(id);
    expect(error.taskId).toBe(id);
  });

  it('timeoutMs per call overrides the client default', async () => {
    const emu = await emulator();
    const client = clientFor(emu, { timeoutMs: 10_000, maxRetries: 0 });
    const { id } = await client.characterPerformance.create(input());
    emu.inject({ kind: 'latency', route: 'getTask', ms: 3000 });
    const started = Date.now();
    const error = await client.tasks.retrieve(id, { timeoutMs: 100 }).catch((e) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('the client timeoutMs applies when the call gives none', async () => {
    const emu = await emulator();
    const client = clientFor(emu, { timeoutMs: 100, maxRetries: 0 });
    const { id } = await client.characterPerformance.create(input());
    emu.inject({ kind: 'latency', route: 'getTask', ms: 3000 });
    await expect(client.tasks.retrieve(id)).rejects.toBeInstanceOf(RequestTimeoutError);
  });
});
