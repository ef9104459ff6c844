import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { AUTH, create, getTask, sleep } from './helpers.js';

describe('fault injection', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ taskMs: 1000 });
  });
  afterEach(() => emu.close());

  it('status 429 with Retry-After and retry-after-ms, consumed once, no task created', async () => {
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 2, retryAfterMs: 1500 });
    const limited = await create(emu);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect(limited.json.error).toMatchObject({ type: 'comet_api_error', code: 'rate_limit' });
    expect(emu.stats.tasksCreated).toBe(0);
    expect((await create(emu)).status).toBe(200);
    expect(emu.stats).toMatchObject({ tasksCreated: 1, requests: 2 });
  });

  it.each([500, 502, 503, 504])('status %i answers the CometAPI envelope', async (status) => {
    emu.inject({ kind: 'status', status });
    const res = await create(emu);
    expect(res.status).toBe(status);
    expect(res.json.error.type).toBe('comet_api_error');
    expect(emu.stats.tasksCreated).toBe(0);
  });

  it("status 500 with code 'invalid_request' (the caller's fault)", async () => {
    emu.inject({ kind: 'status', status: 500, code: 'invalid_request' });
    const res = await create(emu);
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe('invalid_request');
  });

  it('status with your own message and param answers them in the envelope', async () => {
    emu.inject({
      kind: 'status',
      status: 400,
      message: 'cannot read gs://internal-bucket/x.mp4',
      param: 'reference.uri',
    });
    const res = await create(emu);
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({
      message: 'cannot read gs://internal-bucket/x.mp4',
      type: 'comet_api_error',
      param: 'reference.uri',
      code: '',
    });
  });

  it('status with afterCreate creates the task, then answers the error (the ambiguous case)', async () => {
    emu.inject({ kind: 'status', route: 'create', status: 504, afterCreate: true });
    const res = await create(emu);
    expect(res.status).toBe(504);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('times repeats a fault, then requests pass again', async () => {
    emu.inject({ kind: 'status', status: 503, times: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await create(emu)).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('faults are consumed in order, each by the next request its route matches', async () => {
    emu.inject({ kind: 'status', route: 'getTask', status: 502 });
    emu.inject({ kind: 'status', route: 'create', status: 429 });
    emu.inject({ kind: 'status', route: 'any', status: 500 });
    expect((await create(emu)).status).toBe(429);
    expect((await getTask(emu, 'x')).status).toBe(502);
    expect((await create(emu)).status).toBe(500);
    expect((await create(emu)).status).toBe(200);
  });

  it('faults do not touch /outputs, and clearFaults drops the queue', async () => {
    emu.inject({ kind: 'status', status: 500 });
    const out = await fetch(`${emu.url}/outputs/none.mp4`);
    expect(out.status).toBe(404);
    await out.text();
    emu.clearFaults();
    expect((await create(emu)).status).toBe(200);
  });

  it('latency on create: the task is created first, the answer comes late', async () => {
    emu.inject({ kind: 'latency', route: 'create', ms: 300 });
    const started = Date.now();
    const res = await create(emu);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('latency past a client timeout leaves a created task behind (ambiguous failure)', async () => {
    // The client gives up at 400 ms, long before the 3 s answer, and long after the request left even on a
    // starved machine (at 100 ms a loaded CI run could abort before the body was sent: no task, rightly).
    emu.inject({ kind: 'latency', route: 'create', ms: 3000 });
    await expect(create(emu, undefined, { signal: AbortSignal.timeout(400) })).rejects.toThrow();
    expect(emu.stats.tasksCreated).toBe(1);
  });

  it('latency on getTask delays the poll', async () => {
    const { json } = await create(emu);
    emu.inject({ kind: 'latency', route: 'getTask', ms: 200 });
    const started = Date.now();
    expect((await getTask(emu, json.id)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("reset 'before' destroys the socket before any work: no task is created", async () => {
    emu.inject({ kind: 'reset', route: 'create', when: 'before' });
    await expect(create(emu)).rejects.toThrow();
    expect(emu.stats).toMatchObject({ tasksCreated: 0, requests: 1 });
  });

  it("reset 'after' creates the task, then destroys the socket without answering", async () => {
    emu.inject({ kind: 'reset', route: 'create', when: 'after' });
    await expect(create(emu)).rejects.toThrow();
    expect(emu.stats).toMatchObject({ tasksCreated: 1, requests: 1 });
  });

  it('reset on getTask drops a poll; the next poll works', async () => {
    const { json } = await create(emu);
    emu.inject({ kind: 'reset', route: 'getTask', when: 'after' });
    await expect(getTask(emu, json.id)).rejects.toThrow();
    expect((await getTask(emu, json.id)).status).toBe(200);
  });

  it('html answers a non-JSON page (default 502) and creates nothing', async () => {
    emu.inject({ kind: 'html' });
    emu.inject({ kind: 'html', status: 503 });
    const res = await fetch(`${emu.url}/runwayml/v1/character_performance`, {
      method: 'POST',
      headers: AUTH,
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    const text = await res.text();
    expect(text).toContain('<html>');
    expect(() => JSON.parse(text)).toThrow();
    const second = await fetch(`${emu.url}/runwayml/v1/tasks/x`, { headers: AUTH });
    expect(second.status).toBe(503);
    await second.text();
    expect(emu.stats.tasksCreated).toBe(0);
  });

  it('redirect answers 301 to another path', async () => {
    emu.inject({ kind: 'redirect', route: 'create' });
    const res = await fetch(`${emu.url}/runwayml/v1/character_performance`, {
      method: 'POST',
      headers: AUTH,
      redirect: 'manual',
    });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/');
    await res.text();
    expect(emu.stats.tasksCreated).toBe(0);
  });

  it('reply answers exactly the given status, content type, headers and body; nothing is created', async () => {
    emu.inject({
      kind: 'reply',
      route: 'create',
      status: 400,
      contentType: 'application/problem+json',
      json: { title: 'Bad', detail: 'no' },
    });
    emu.inject({ kind: 'reply', route: 'getTask', body: '', headers: { 'x-request-id': 'r-1' } });
    emu.inject({
      kind: 'reply',
      route: 'getTask',
      status: 503,
      contentType: '',
      body: 'busy',
      headers: { 'retry-after': '120' },
    });
    const problem = await fetch(`${emu.url}/runwayml/v1/character_performance`, {
      method: 'POST',
      headers: AUTH,
    });
    expect(problem.status).toBe(400);
    expect(problem.headers.get('content-type')).toBe('application/problem+json');
    expect(await problem.json()).toEqual({ title: 'Bad', detail: 'no' });
    const empty = await fetch(`${emu.url}/runwayml/v1/tasks/x`, { headers: AUTH });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(empty.headers.get('x-request-id')).toBe('r-1');
    expect(await empty.text()).toBe('');
    const busy = await fetch(`${emu.url}/runwayml/v1/tasks/x`, { headers: AUTH });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('content-type')).toBeNull();
    expect(busy.headers.get('retry-after')).toBe('120');
    expect(await busy.text()).toBe('busy');
    expect(emu.stats.tasksCreated).toBe(0);
  });

  it('inject rejects a malformed fault', () => {
    // @ts-expect-error: deliberately wrong
    expect(() => emu.inject({ kind: 'latency' })).toThrow();
  });

  it('close() ends pending delayed answers and keep-alive sockets promptly', async () => {
    emu.inject({ kind: 'latency', ms: 10_000 });
    const pending = create(emu).catch((error: unknown) => error);
    await sleep(100);
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
