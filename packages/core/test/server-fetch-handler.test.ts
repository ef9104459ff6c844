// The Web Fetch entry, called with real `Request`s (no server in between) against the emulator: routing under
// a basePath, falling through, bodies read from the request's own stream (413 while reading), and event
// streams that end and release their watcher when the client goes away or the consumer cancels them.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  type ActkitFetchHandlerOptions,
  createActkitFetchHandler,
  createMemoryStore,
  lastPathSegments,
} from '../src/server/index.js';
import { clientFor, emulator, input } from './helpers.js';
import { upstreamTaskGets } from './upstream-gets.js';

const secret = 'fetch-handler-test-secret-0123456789';
const origin = 'http://app.test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup(options: Partial<ActkitFetchHandlerOptions> = {}, taskMs = 300) {
  const emu = await emulator({ taskMs, concurrency: 20 });
  const store = createMemoryStore();
  const handler = createActkitFetchHandler({
    client: clientFor(emu, { maxRetries: 0 }),
    authorize: (request) => request.headers.get('x-user'),
    secret,
    store,
    basePath: '/api/actkit',
    pollIntervalMs: 50,
    ...options,
  });
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    handler(
      new Request(`${origin}/api/actkit/character-performances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'u1', ...headers },
        body,
        duplex: 'half',
      } as RequestInit),
    );
  const start = async () => {
    const response = await post(JSON.stringify(input()));
    expect(response.status).toBe(202);
    return ((await response.json()) as { task: { handle: string } }).task.handle;
  };
  return { emu, store, handler, post, start };
}

const upstreamGets = upstreamTaskGets;

describe('answer', () => {
  it('returns the Response itself for a repeated GET (no promise), the same the callable resolves', async () => {
    const { handler, start } = await setup({}, 60_000);
    const handle = await start();
    const request = () =>
      new Request(`${origin}/api/actkit/tasks/${handle}`, { headers: { 'x-user': 'u1' } });
    const first = handler.answer(request());
    expect(first).toBeInstanceOf(Promise);
    const expected = await (await first)!.text();
    const again = handler.answer(request());
    expect(again).toBeInstanceOf(Response);
    expect(await (again as Response).text()).toBe(expected);
    expect(await (await handler(request())).text()).toBe(expected);
    const other = handler.answer(
      new Request(`${origin}/api/actkit/tasks/${handle}`, { headers: { 'x-user': 'u2' } }),
    );
    expect((await other).status).toBe(404);
  });
});

describe('routing under basePath', () => {
  it('serves the contract under basePath: 202, then 200 JSON for the handle', async () => {
    const { handler, start } = await setup();
    const handle = await start();
    const read = await handler(
      new Request(`${origin}/api/actkit/tasks/${handle}?x=1`, { headers: { 'x-user': 'u1' } }),
    );
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/json');
    expect(((await read.json()) as { task: { handle: string } }).task.handle).toBe(handle);
  });

  it('outside basePath → 404 problem by default; inside, unknown paths → 404 and wrong methods → 405', async () => {
    const { handler } = await setup();
    for (const path of ['/elsewhere', '/api/actkitx/character-performances', '/api/actkit/nothing']) {
      const response = await handler(new Request(`${origin}${path}`, { headers: { 'x-user': 'u1' } }));
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    const wrong = await handler(new Request(`${origin}/api/actkit/character-performances`));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('fallthrough: true resolves undefined outside the contract, so a router can go on', async () => {
    const { handler } = await setup({ fallthrough: true });
    for (const path of ['/elsewhere', '/api/actkit', '/api/actkit/nothing', '/api/actkit/tasks/a/b']) {
      expect(await handler(new Request(`${origin}${path}`)), path).toBeUndefined();
    }
    expect((await handler(new Request(`${origin}/api/actkit/tasks/forged`)))?.status).toBe(401);
  });

  it('a route given per call wins over basePath, and its context reaches authorize', async () => {
    const seen: unknown[] = [];
    const { handler } = await setup({
      basePath: '/not/used',
      authorize: (request, context) => {
        seen.push(context);
        return request.headers.get('x-user');
      },
    });
    const response = await handler(
      new Request(`${origin}/anything/tasks/v1.x`, { headers: { 'x-user': 'u1' } }),
      {
        path: '/tasks/v1.x',
        context: { framework: 'ctx' },
      },
    );
    expect(response.status).toBe(404);
    expect(seen).toEqual([{ framework: 'ctx' }]);
  });

  it('lastPathSegments keeps the tail a router left for the contract, still encoded', () => {
    expect(lastPathSegments('/api/actkit/tasks/v1.a%2Fb', 2)).toBe('/tasks/v1.a%2Fb');
    expect(lastPathSegments('/api/actkit/tasks/h/events/', 3)).toBe('/tasks/h/events');
    expect(lastPathSegments('/character-performances', 5)).toBe('/character-performances');
  });
});

describe('bodies from the request stream', () => {
  it('refuses an endless streamed body with 413 after reading about maxBodyBytes, and cancels the rest', async () => {
    const { post, emu } = await setup({ maxBodyBytes: 64 * 1024 });
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await post(endless);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 3 * 16 * 1024);
    await sleep(10);
    expect(cancelled).toBe(true);
    expect(emu.stats.requests).toBe(0);
  });

  it('reads a chunked JSON body as it streams in', async () => {
    const { post } = await setup();
    const text = new TextEncoder().encode(JSON.stringify(input()));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 7) controller.enqueue(text.slice(i, i + 7));
        controller.close();
      },
    });
    expect((await post(chunked)).status).toBe(202);
  });

  it('415 for a non-JSON body, 413 from a declared content-length, without reading', async () => {
    const { post } = await setup({ maxBodyBytes: 100 });
    expect((await post('x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('{}'.padEnd(500), { 'content-length': '500' })).status).toBe(413);
  });
});

describe('event streams', () => {
  it('streams SSE chunks to the terminal state, then leaves no watcher and no listener on the request', async () => {
    const { handler, start, store } = await setup();
    const handle = await start();
    const request = new Request(`${origin}/api/actkit/tasks/${handle}/events`, {
      headers: { 'x-user': 'u1' },
    });
    const response = await handler(request);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const last = text.trim().split('\n\n').at(-1)!;
    expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ status: 'SUCCEEDED', handle });
    expect(store.watchers.activeLoops()).toBe(0);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it("ends and releases the watcher when the request's signal aborts (the client went away)", async () => {
    const { handler, start, store, emu } = await setup({ pollIntervalMs: 30 }, 60_000);
    const handle = await start();
    const gone = new AbortController();
    const request = new Request(`${origin}/api/actkit/tasks/${handle}/events`, {
      headers: { 'x-user': 'u1' },
      signal: gone.signal,
    });
    const response = await handler(request);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^data: /);
    expect(store.watchers.activeLoops()).toBe(1);
    gone.abort();
    expect((await reader.read()).done).toBe(true);
    expect(store.watchers.activeLoops()).toBe(0);
    const gets = upstreamGets(emu);
    await sleep(150);
    expect(upstreamGets(emu)).toBe(gets);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('ends and releases the watcher at once when the consumer cancels the body, even mid-wait', async () => {
    // Polls 10 s apart and no heartbeat for a minute: only the cancel itself can end the wait promptly.
    const { handler, start, store } = await setup({ pollIntervalMs: 10_000, heartbeatMs: 60_000 }, 60_000);
    const handle = await start();
    const request = new Request(`${origin}/api/actkit/tasks/${handle}/events`, {
      headers: { 'x-user': 'u1' },
    });
    const response = await handler(request);
    const reader = response.body!.getReader();
    await reader.read(); // the first state
    const pending = reader.read(); // waits for a state that will not come for 10 s
    await sleep(100); // the stream is now inside that wait
    expect(store.watchers.activeLoops()).toBe(1);
    const started = Date.now();
    await reader.cancel();
    expect((await pending).done).toBe(true);
    expect(store.watchers.activeLoops()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });
});
