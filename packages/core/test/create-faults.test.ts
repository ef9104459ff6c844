// Create is a paid action. These tests inject faults into the emulator and count the tasks it created:
// a create is retried only when the provider certainly started nothing, and an ambiguous failure throws
// TaskMayExistError instead of sending a second, billed request.
import { describe, expect, it } from 'vitest';
import {
  ActkitValidationError,
  AuthenticationError,
  ConnectionError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  TaskMayExistError,
  UnexpectedResponseError,
} from '../src/index.js';
import { clientFor, createCount, emulator, input } from './helpers.js';

describe('create: retried only when no task can exist', () => {
  it('429 with Retry-After 0 → retried, one task', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 0, times: 2 });
    const created = await clientFor(emu).characterPerformance.create(input());
    expect(created.id).toBeTruthy();
    expect(createCount(emu)).toBe(3);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('503 → retried, one task', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'status', route: 'create', status: 503, times: 1 });
    await clientFor(emu).characterPerformance.create(input());
    expect(createCount(emu)).toBe(2);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('429 for too long → RateLimitError after maxRetries, no task', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfterMs: 1, times: 10 });
    const error = await clientFor(emu, { maxRetries: 2 })
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit', retryAfterMs: 1 });
    expect(createCount(emu)).toBe(3);
    expect(emu.stats.tasksCreated).toBe(0);
  });

  it('connection refused (nothing sent) → retried, then succeeds with one task', async () => {
    const emu = await emulator();
    const dead = await emulator();
    const deadUrl = dead.url;
    await dead.close();
    let calls = 0;
    // A real refused TCP connection on the first attempt, the emulator afterwards.
    const client = clientFor(emu, {
      fetch: (url, init) => {
        calls++;
        return fetch(calls === 1 ? String(url).replace(emu.url, deadUrl) : url, init);
      },
    });
    await client.characterPerformance.create(input());
    expect(calls).toBe(2);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('connection refused every time → ConnectionError(ECONNREFUSED)', async () => {
    const dead = await emulator();
    const client = clientFor(dead, { maxRetries: 1 });
    await dead.close();
    const error = await client.characterPerformance.create(input()).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('ECONNREFUSED');
  });
});

describe('create: ambiguous failures throw TaskMayExistError, never a second task', () => {
  for (const status of [500, 502, 504] as const) {
    it(`${status} after the task was created → TaskMayExistError, one task, one request`, async () => {
      const emu = await emulator();
      emu.inject({ kind: 'status', route: 'create', status, afterCreate: true });
      const error = await clientFor(emu)
        .characterPerformance.create(input())
        .catch((e) => e);
      expect(error).toBeInstanceOf(TaskMayExistError);
      expect(error).toMatchObject({ status });
      expect(error.cause).toBeInstanceOf(ServerError);
      expect(error.input).toMatchObject({ model: 'act_two' });
      expect(createCount(emu)).toBe(1);
      expect(emu.stats.tasksCreated).toBe(1);
    });
  }

  it('reset after the task was created → TaskMayExistError, one task', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'reset', route: 'create', when: 'after' });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(TaskMayExistError);
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(createCount(emu)).toBe(1);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('reset before (the client cannot tell) → TaskMayExistError, not retried', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'reset', route: 'create', when: 'before' });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(TaskMayExistError);
    expect(createCount(emu)).toBe(1);
    expect(emu.stats.tasksCreated).toBe(0);
  });

  it('timeout after sending → TaskMayExistError(RequestTimeoutError), one task', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'latency', route: 'create', ms: 1500 });
    const started = Date.now();
    const error = await clientFor(emu)
      .characterPerformance.create(input(), { timeoutMs: 150 })
      .catch((e) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(TaskMayExistError);
    expect(error.cause).toBeInstanceOf(RequestTimeoutError);
    expect(createCount(emu)).toBe(1);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('an HTML gateway page (502) → TaskMayExistError, not a SyntaxError', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'html', route: 'create' });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(TaskMayExistError);
    expect(error.message).toMatch(/HTML/);
    expect(emu.stats.tasksCreated).toBe(0);
    expect(createCount(emu)).toBe(1);
  });

  it('an HTML 200 → TaskMayExistError(UnexpectedResponseError)', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'html', route: 'create', status: 200 });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(TaskMayExistError);
    expect(error.cause).toBeInstanceOf(UnexpectedResponseError);
  });
});

describe('create: caller errors are never retried', () => {
  it('500 invalid_request → ActkitValidationError, one request', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'status', route: 'create', status: 500, code: 'invalid_request' });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(ActkitValidationError);
    expect(error).toMatchObject({ status: 500, code: 'invalid_request' });
    expect(createCount(emu)).toBe(1);
  });

  it.each([
    [400, ActkitValidationError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
  ])('%s → %o, one request', async (status, ErrorClass) => {
    const emu = await emulator();
    emu.inject({ kind: 'status', route: 'create', status });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(createCount(emu)).toBe(1);
    expect(emu.stats.tasksCreated).toBe(0);
  });

  it('a 301 is reported as a redirect pointing at baseUrl, not followed', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'redirect', route: 'create' });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.message).toMatch(/redirect.*301.*baseUrl/);
    expect(emu.stats.requests).toBe(1);
  });
});
