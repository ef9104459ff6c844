// GET /tasks/{handle} through the handler with the emulator upstream: one upstream read per task shared by
// concurrent GETs, states at most `maxStaleMs` old, terminal states never read again, bounded memory, and
// the owner checked on every request whatever is cached.
import { describe, expect, it } from 'vitest';
import {
  type ActkitHandlerOptions,
  type ActkitRequest,
  type ActkitResponse,
  createActkitHandler,
  createMemoryStore,
  isEventStream,
} from '../src/server/index.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

const secret = 'read-cache-test-secret-0123456789';
const authorize = (raw: unknown) => (raw as { user?: string } | undefined)?.user;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup(
  emulatorOptions: Parameters<typeof emulator>[0] = {},
  options: Partial<ActkitHandlerOptions> = {},
) {
  const emu = await emulator({ taskMs: 60_000, concurrency: 50, ...emulatorOptions });
  const handler = createActkitHandler({
    client: clientFor(emu, { maxRetries: 0 }),
    authorize,
    secret,
    pollIntervalMs: 20,
    ...options,
  });
  const call = (path: string, user = 'u1', extra: Partial<ActkitRequest> = {}) =>
    handler.handle({ method: 'GET', path, headers: {}, raw: { user }, ...extra });
  const start = async (user = 'u1') => {
    const created = await handler.handle({
      method: 'POST',
      path: '/character-performances',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input()),
      raw: { user },
    });
    expect(created.status).toBe(202);
    return (json(created).task as { handle: string }).handle;
  };
  return { emu, handler, call, start, gets: () => getCount(emu) };
}

function json(response: ActkitResponse) {
  if (isEventStream(response)) throw new Error('expected JSON');
  return response.json as Record<string, unknown>;
}
const status = (response: ActkitResponse) => (json(response).task as { status: string }).status;

describe('GET /tasks/{handle}: single flight', () => {
  it('N concurrent GETs of one task cost one upstream GET', async () => {
    const { emu, call, start, gets } = await setup();
    const handle = await start();
    emu.inject({ kind: 'latency', route: 'getTask', ms: 100, times: 1 }); // the GETs surely overlap
    const answers = await Promise.all(Array.from({ length: 25 }, () => call(`/tasks/${handle}`)));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(gets()).toBe(1);
  });

  it('concurrent GETs share one read even with maxStaleMs: 0', async () => {
    const { emu, call, start, gets } = await setup({}, { maxStaleMs: 0 });
    const handle = await start();
    emu.inject({ kind: 'latency', route: 'getTask', ms: 100, times: 1 });
    await Promise.all(Array.from({ length: 10 }, () => call(`/tasks/${handle}`)));
    expect(gets()).toBe(1);
    await call(`/tasks/${handle}`); // after it: a read of its own
    expect(gets()).toBe(2);
  });

  it('a failed read is not kept: the next GET asks upstream again', async () => {
    const { emu, call, start, gets } = await setup();
    const handle = await start();
    emu.inject({ kind: 'status', route: 'getTask', status: 500, times: 1 });
    expect((await call(`/tasks/${handle}`)).status).toBe(502);
    expect((await call(`/tasks/${handle}`)).status).toBe(200);
    expect(gets()).toBe(2);
  });
});

describe('GET /tasks/{handle}: staleness', () => {
  it('answers from the cache within maxStaleMs and reads upstream after it', async () => {
    const { call, start, gets } = await setup({}, { maxStaleMs: 150 });
    const handle = await start();
    await call(`/tasks/${handle}`);
    await call(`/tasks/${handle}`);
    await call(`/tasks/${handle}`);
    expect(gets()).toBe(1);
    await sleep(200);
    await call(`/tasks/${handle}`);
    expect(gets()).toBe(2);
  });

  it('defaults to about a second', async () => {
    const { call, start, gets } = await setup();
    const handle = await start();
    await call(`/tasks/${handle}`);
    await sleep(300);
    await call(`/tasks/${handle}`);
    expect(gets()).toBe(1);
    await sleep(900);
    await call(`/tasks/${handle}`);
    expect(gets()).toBe(2);
  });

  it('maxStaleMs: 0 reads an unfinished task upstream on every GET', async () => {
    const { call, start, gets } = await setup({}, { maxStaleMs: 0 });
    const handle = await start();
    for (let i = 0; i < 3; i++) await call(`/tasks/${handle}`);
    expect(gets()).toBe(3);
  });

  it('rejects a negative maxStaleMs at once', async () => {
    await expect(setup({}, { maxStaleMs: -1 })).rejects.toThrow(/maxStaleMs/);
  });

  it('GETs meanwhile are served by the states the SSE loop reads', async () => {
    const { handler, call, start, gets } = await setup();
    const handle = await start();
    const stream = await call(`/tasks/${handle}/events`);
    if (!isEventStream(stream)) throw new Error('expected a stream');
    const events = stream.events[Symbol.asyncIterator]();
    await events.next(); // the loop has read the first state
    const loopGets = gets();
    expect(loopGets).toBeGreaterThan(0);
    expect((await call(`/tasks/${handle}`)).status).toBe(200);
    expect(gets()).toBe(loopGets);
    await events.return?.();
    await handler.close();
  });
});

describe('GET /tasks/{handle}: terminal states', () => {
  it('after SUCCEEDED no GET reads upstream again, even with maxStaleMs: 0', async () => {
    const { call, start, gets } = await setup({ taskMs: 50 }, { maxStaleMs: 0 });
    const handle = await start();
    let answer = await call(`/tasks/${handle}`);
    while (status(answer) !== 'SUCCEEDED') {
      await sleep(20);
      answer = await call(`/tasks/${handle}`);
    }
    const reads = gets();
    for (let i = 0; i < 10; i++) {
      const again = await call(`/tasks/${handle}`);
      expect(json(again)).toEqual(json(answer));
    }
    expect(gets()).toBe(reads);
  });

  it('keeps at most maxTaskStates states: an evicted task is read again', async () => {
    const store = createMemoryStore({ maxTaskStates: 2 });
    const { call, start, gets } = await setup({ taskMs: 1 }, { store });
    const handles = [await start(), await start(), await start()];
    await sleep(30); // all three finished: only eviction can make a GET read upstream again
    for (const handle of handles) expect(status(await call(`/tasks/${handle}`))).toBe('SUCCEEDED');
    expect(store.tasks.size?.()).toBe(2);
    const reads = gets();
    await call(`/tasks/${handles[2]}`); // still kept
    expect(gets()).toBe(reads);
    await call(`/tasks/${handles[0]}`); // the least recently used one was evicted
    expect(gets()).toBe(reads + 1);
    expect(store.tasks.size?.()).toBe(2);
  });

  it('maxCachedTasks bounds the default store', async () => {
    const { call, start, gets } = await setup({ taskMs: 1 }, { maxCachedTasks: 1 });
    const [a, b] = [await start(), await start()];
    await sleep(30);
    await call(`/tasks/${a}`);
    await call(`/tasks/${b}`);
    await call(`/tasks/${a}`);
    expect(gets()).toBe(3);
  });
});

describe('GET /tasks/{handle}: owners are checked on every request', () => {
  it('a cached handle and state never answer another owner (404, no upstream read)', async () => {
    const { call, start, gets } = await setup();
    const handle = await start('alice');
    expect((await call(`/tasks/${handle}`, 'alice')).status).toBe(200);
    const reads = gets();
    for (const user of ['mallory', 'alice ', 'Alice']) {
      const answer = await call(`/tasks/${handle}`, user);
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer)).not.toContain('RUNNING');
    }
    expect(gets()).toBe(reads);
    expect((await call(`/tasks/${handle}`, 'alice')).status).toBe(200);
  });

  it('forged and altered handles still 404 while the real one is cached', async () => {
    const { call, start, gets } = await setup();
    const handle = await start();
    await call(`/tasks/${handle}`);
    const middle = Math.floor(handle.length / 2);
    const altered = `${handle.slice(0, middle)}${handle[middle] === 'A' ? 'B' : 'A'}${handle.slice(middle + 1)}`;
    for (const bad of [altered, handle.slice(0, -4), `${handle}x`, `v1.${'A'.repeat(60)}`, 'nothing']) {
      expect((await call(`/tasks/${bad}`)).status).toBe(404);
      expect((await call(`/tasks/${bad}`)).status).toBe(404); // failures are never remembered
    }
    expect(gets()).toBe(1);
  });

  it('a handler with another secret does not honour the handle another one has cached', async () => {
    const { emu, call, start } = await setup();
    const handle = await start();
    expect((await call(`/tasks/${handle}`)).status).toBe(200);
    const stranger = createActkitHandler({
      client: clientFor(emu),
      authorize,
      secret: 'a-completely-different-secret-value',
    });
    const answer = await stranger.handle({
      method: 'GET',
      path: `/tasks/${handle}`,
      headers: {},
      raw: { user: 'u1' },
    });
    expect(answer.status).toBe(404);
  });

  it('the answer carries its JSON ready to send, equal to `json`', async () => {
    const { call, start } = await setup();
    const handle = await start();
    const answer = await call(`/tasks/${handle}`);
    if (isEventStream(answer)) throw new Error('expected JSON');
    expect(answer.body).toBe(JSON.stringify(answer.json));
    expect(answer.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store' });
  });
});

describe('shutdown', () => {
  it('many open event streams raise no MaxListenersExceededWarning and all end on close', async () => {
    // 20 streams of one owner: above the default limit of open streams (10), so it is raised here.
    const { handler, call, start } = await setup({}, { limits: { openStreams: 20 } });
    const handle = await start();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const streams = await Promise.all(Array.from({ length: 20 }, () => call(`/tasks/${handle}/events`)));
      const reading = streams.map(async (stream) => {
        if (!isEventStream(stream)) throw new Error('expected a stream');
        let chunks = 0;
        for await (const _ of stream.events) chunks++;
        return chunks;
      });
      await sleep(100);
      await handler.close();
      for (const chunks of await Promise.all(reading)) expect(chunks).toBeGreaterThan(0);
      await sleep(10); // warnings are emitted on the next tick
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
