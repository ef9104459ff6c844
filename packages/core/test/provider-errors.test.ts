// Provider errors over real HTTP (the emulator's `status` and `reply` faults): the message read from every
// error shape a provider or a proxy sends (6), a Retry-After longer than the client may sleep (7), and the
// task id and the wait carried as fields (8).
import { describe, expect, it } from 'vitest';
import {
  ActkitAbortError,
  ActkitError,
  ActkitValidationError,
  AuthenticationError,
  ConnectionError,
  createActkitClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  TaskFailedError,
} from '../src/index.js';
import { clientFor, createCount, emulator, getCount, input, testKey } from './helpers.js';

describe('6. the message of every error shape', () => {
  const shapes: {
    name: string;
    status: number;
    contentType?: string;
    body: string;
    message: RegExp;
    type: new (...args: never[]) => ActkitError;
  }[] = [
    {
      name: "CometAPI's { error: { message } }",
      status: 400,
      body: JSON.stringify({
        error: { message: 'ratio is not supported', type: 'comet_api_error', code: '' },
      }),
      message: /HTTP 400: ratio is not supported$/,
      type: ActkitValidationError,
    },
    {
      name: "Runway's { error: 'text' }",
      status: 400,
      body: JSON.stringify({ error: 'Invalid asset: the reference video is too short' }),
      message: /HTTP 400: Invalid asset: the reference video is too short$/,
      type: ActkitValidationError,
    },
    {
      name: 'RFC 9457 problem+json { title, detail }',
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'https://gateway.example/problems/quota',
        title: 'Unprocessable',
        status: 422,
        detail: 'seed must be an integer',
      }),
      message: /HTTP 422: seed must be an integer$/,
      type: ActkitError,
    },
    {
      name: 'problem+json with a title only',
      status: 403,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Forbidden by policy', status: 403 }),
      message: /HTTP 403: Forbidden by policy$/,
      type: PermissionDeniedError,
    },
    {
      name: '{ message } alone',
      status: 403,
      body: JSON.stringify({ message: 'quota exhausted for this key' }),
      message: /HTTP 403: quota exhausted for this key$/,
      type: PermissionDeniedError,
    },
    {
      name: 'plain text, trimmed',
      status: 400,
      contentType: 'text/plain; charset=utf-8',
      body: '\n   upstream refused the   request \n\n',
      message: /HTTP 400: upstream refused the request$/,
      type: ActkitValidationError,
    },
    {
      name: 'JSON without any message',
      status: 400,
      body: JSON.stringify({ ok: false }),
      message: /HTTP 400: Bad Request \(the body carries no message\)$/,
      type: ActkitValidationError,
    },
  ];

  for (const shape of shapes) {
    it(`${shape.name}: the message says it, the raw body stays on the error`, async () => {
      const emu = await emulator();
      const client = clientFor(emu);
      emu.inject({
        kind: 'reply',
        route: 'getTask',
        status: shape.status,
        contentType: shape.contentType ?? 'application/json',
        body: shape.body,
      });
      const error = await client.tasks.retrieve('task-1').catch((e) => e);
      expect(error).toBeInstanceOf(shape.type);
      expect(error.message).toMatch(shape.message);
      expect(error.message).not.toMatch(/HTTP \d{3}: HTTP \d{3}/);
      expect(error.status).toBe(shape.status);
      expect(error.body).toEqual(
        shape.contentType?.startsWith('text/') ? shape.body : JSON.parse(shape.body),
      );
    });
  }

  it('a 400 from the provider lists the message as the issue, whatever the shape', async () => {
    const emu = await emulator();
    emu.inject({
      kind: 'reply',
      route: 'create',
      status: 400,
      contentType: 'application/problem+json',
      json: { title: 'Bad Request', detail: 'character.uri could not be fetched' },
    });
    const error = await clientFor(emu)
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(ActkitValidationError);
    expect(error.issues).toEqual([{ path: '', message: 'character.uri could not be fetched' }]);
  });

  it('a long text body is bounded in the message and kept whole (up to 2 KB) on the error', async () => {
    const emu = await emulator();
    const long = `failure ${'x'.repeat(5000)}`;
    emu.inject({ kind: 'reply', route: 'getTask', status: 403, contentType: 'text/plain', body: long });
    const error = await clientFor(emu)
      .tasks.retrieve('task-1')
      .catch((e) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    const said = error.message.slice(error.message.indexOf('HTTP 403: ') + 'HTTP 403: '.length);
    expect(said.length).toBeLessThanOrEqual(301);
    expect(said.endsWith('…')).toBe(true);
    expect(error.body).toBe(long.slice(0, 2048));
  });
});

describe('7. a Retry-After longer than backoff.maxRetryAfterMs', () => {
  it('on a read: RateLimitError at once, with the wait the provider asked for', async () => {
    const emu = await emulator();
    const client = clientFor(emu, { backoff: { baseMs: 5, maxMs: 20, maxRetryAfterMs: 1000 } });
    const askedMs = 8000;
    emu.inject({ kind: 'status', route: 'getTask', status: 429, retryAfterMs: askedMs, times: 10 });
    const started = Date.now();
    const error = await client.tasks.retrieve('task-1').catch((e) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: askedMs, taskId: 'task-1' });
    expect(getCount(emu)).toBe(1);
    // Neither the provider's wait nor the cap was slept: a small fraction of either.
    expect(elapsed).toBeLessThan(askedMs / 10);
  });

  it('on a create: RateLimitError at once (Retry-After in seconds), no task', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 120, times: 10 });
    const started = Date.now();
    const error = await clientFor(emu, { backoff: { baseMs: 5, maxMs: 20 } })
      .characterPerformance.create(input())
      .catch((e) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(createCount(emu)).toBe(1);
    expect(emu.stats.tasksCreated).toBe(0);
    expect(elapsed).toBeLessThan(120_000 / 100);
  });

  it('a 503 asking for longer: ServerError at once with retryAfterMs', async () => {
    const emu = await emulator();
    emu.inject({ kind: 'status', route: 'create', status: 503, retryAfterMs: 5000, times: 10 });
    const started = Date.now();
    const error = await clientFor(emu, { backoff: { baseMs: 5, maxMs: 20, maxRetryAfterMs: 500 } })
      .characterPerformance.create(input())
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 5000 });
    expect(createCount(emu)).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000 / 10);
  });
});

describe('8. the task id and the wait as fields', () => {
  it('every error of a read carries taskId', async () => {
    const emu = await emulator();
    const client = clientFor(emu, { maxRetries: 0 });
    emu.inject({ kind: 'status', route: 'getTask', status: 502 });
    emu.inject({
      kind: 'reply',
      route: 'getTask',
      status: 404,
      json: { error: { message: 'no such task' } },
    });
    emu.inject({ kind: 'latency', route: 'getTask', ms: 1000 });
    const server = await client.tasks.retrieve('t-502').catch((e) => e);
    const missing = await client.tasks.retrieve('t-404').catch((e) => e);
    const slow = await client.tasks.retrieve('t-slow', { timeoutMs: 50 }).catch((e) => e);
    const controller = new AbortController();
    controller.abort();
    const aborted = await client.tasks.retrieve('t-abort', { signal: controller.signal }).catch((e) => e);
    const refused = await createActkitClient({
      apiKey: testKey,
      baseUrl: 'http://127.0.0.1:1',
      maxRetries: 0,
    })
      .tasks.retrieve('t-refused')
      .catch((e) => e);
    const unauthorized = await clientFor(await emulator({ apiKey: 'the-right-key' }))
      .tasks.retrieve('t-401')
      .catch((e) => e);
    for (const [error, type, taskId] of [
      [server, ServerError, 't-502'],
      [missing, NotFoundError, 't-404'],
      [slow, RequestTimeoutError, 't-slow'],
      [aborted, ActkitAbortError, 't-abort'],
      [refused, ConnectionError, 't-refused'],
      [unauthorized, AuthenticationError, 't-401'],
    ] as const) {
      expect(error).toBeInstanceOf(type);
      expect(error.taskId).toBe(taskId);
      expect(JSON.parse(JSON.stringify(error)).taskId).toBe(taskId);
    }
  });

  it('NotFoundError after the not-visible-yet grace carries taskId', async () => {
    const emu = await emulator({ notFoundPolls: 1000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const error = await client.tasks.wait(id, { notFoundGraceMs: 150, pollIntervalMs: 30 }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ taskId: id, code: 'task_not_exist' });
  });

  it('TaskFailedError carries taskId', async () => {
    const emu = await emulator({ taskMs: 200 });
    const error = await clientFor(emu)
      .characterPerformance.run(input('fail-moderation'), { pollIntervalMs: 30 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error.taskId).toBe(error.task.id);
    expect(error.toJSON()).toMatchObject({ taskId: error.task.id });
  });

  it("429 and 503 carry the provider's wait as a number; undefined only when it said nothing", async () => {
    const emu = await emulator();
    const client = clientFor(emu, { maxRetries: 0 });
    emu.inject({ kind: 'status', route: 'getTask', status: 429, retryAfter: 7 });
    emu.inject({ kind: 'status', route: 'getTask', status: 503, retryAfterMs: 2500 });
    emu.inject({
      kind: 'reply',
      route: 'getTask',
      status: 503,
      headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' },
      json: {},
    });
    emu.inject({ kind: 'status', route: 'getTask', status: 503 });
    const limited = await client.tasks.retrieve('t-1').catch((e) => e);
    const busy = await client.tasks.retrieve('t-2').catch((e) => e);
    const past = await client.tasks.retrieve('t-3').catch((e) => e);
    const silent = await client.tasks.retrieve('t-4').catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryAfterMs).toBe(7000);
    expect(busy).toBeInstanceOf(ServerError);
    expect(busy.retryAfterMs).toBe(2500);
    expect(JSON.parse(JSON.stringify(busy)).retryAfterMs).toBe(2500);
    // An HTTP date already past: wait 0 ms, still a number.
    expect(past.retryAfterMs).toBe(0);
    expect(silent.retryAfterMs).toBeUndefined();
  });
});
