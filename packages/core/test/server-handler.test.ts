// The handler itself, called directly (no framework), with a real client and the emulator upstream:
// upstream failures → key-free problems, body handling in every form an adapter may pass, routing.
import { describe, expect, it } from 'vitest';
import { dataUriLimits } from '../src/index.js';
import { defaultCreateBodyLimitBytes } from '../src/server/create-body-limit.js';
import { type ActkitRequest, createActkitHandler, isEventStream } from '../src/server/index.js';
import { clientFor, emulator, input, testKey } from './helpers.js';

const secret = 'handler-test-secret-0123456789';
const authorize = (raw: unknown) => (raw as { user?: string } | undefined)?.user;

async function setup(options: Parameters<typeof emulator>[0] = {}) {
  const emu = await emulator(options);
  const handler = createActkitHandler({ client: clientFor(emu, { maxRetries: 0 }), authorize, secret });
  const post = (body: unknown, extra: Partial<ActkitRequest> = {}) =>
    handler.handle({
      method: 'POST',
      path: '/character-performances',
      headers: { 'content-type': 'application/json' },
      body,
      raw: { user: 'u1' },
      ...extra,
    });
  return { emu, handler, post };
}

const json = (response: Awaited<ReturnType<ReturnType<typeof createActkitHandler>['handle']>>) => {
  if (isEventStream(response)) throw new Error('expected JSON');
  return response.json as Record<string, unknown>;
};

describe('upstream failures become key-free problems', () => {
  it('a create that may have happened (500) → 502 saying so', async () => {
    const { emu, post } = await setup();
    emu.inject({ kind: 'status', route: 'create', status: 500, afterCreate: true });
    const response = await post(JSON.stringify(input()));
    expect(response.status).toBe(502);
    expect(json(response).detail).toMatch(/may have been created/);
  });

  it('an upstream rate limit with a wait → 429 with that Retry-After; without one → 503, Retry-After 30', async () => {
    const { emu, post } = await setup();
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 9, times: 10 });
    const response = await post(JSON.stringify(input()));
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('9');
    expect(json(response).type).toBe('https://actkit.dev/problems/upstream-rate-limited');
    expect(json(response).retryAfter).toBe(9); // the same wait in the body, for SSE and cross-origin pages
    emu.clearFaults();
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfterMs: 1500 });
    expect((await post(JSON.stringify(input()))).headers['retry-after']).toBe('2');
    emu.inject({ kind: 'status', route: 'create', status: 429 });
    const unsaid = await post(JSON.stringify(input()));
    expect(unsaid.status).toBe(503);
    expect(unsaid.headers['retry-after']).toBe('30');
    expect(json(unsaid).retryAfter).toBe(30);
  });

  it("an upstream rate limit while a stream follows the task → a problem event carrying the provider's wait", async () => {
    const { emu, handler, post } = await setup({ taskMs: 60_000 });
    const created = await post(JSON.stringify(input()));
    const { handle } = json(created).task as { handle: string };
    emu.inject({ kind: 'status', route: 'getTask', status: 429, retryAfter: 40, times: 100 });
    const stream = await handler.handle({
      method: 'GET',
      path: `/tasks/${handle}/events`,
      headers: {},
      raw: { user: 'u1' },
    });
    if (!isEventStream(stream)) throw new Error('expected a stream');
    let problem: Record<string, unknown> | undefined;
    for await (const chunk of stream.events) {
      const match = /^event: problem\ndata: (.*)$/m.exec(chunk);
      if (match) problem = JSON.parse(match[1] as string);
    }
    expect(problem).toMatchObject({ status: 429, retryAfter: 40 });
    expect(JSON.stringify(problem)).not.toContain(new URL(emu.url).host);
    await handler.close();
  });

  it('a rejected key upstream → 502 "upstream authentication failed", no key or host', async () => {
    const { emu, post } = await setup({ apiKey: 'a-different-key' });
    const response = await post(JSON.stringify(input()));
    expect(response.status).toBe(502);
    expect(json(response).detail).toBe('Upstream authentication failed.');
    const text = JSON.stringify(response);
    expect(text).not.toContain(testKey);
    expect(text).not.toContain(new URL(emu.url).host);
  });
});

describe('bodies in every form an adapter may pass', () => {
  it('accepts a Uint8Array, a string, an async iterable and an already parsed object', async () => {
    const { post } = await setup({ taskMs: 60_000, concurrency: 10 });
    const text = JSON.stringify(input());
    const chunks = async function* () {
      yield new TextEncoder().encode(text.slice(0, 10));
      yield new TextEncoder().encode(text.slice(10));
    };
    for (const body of [new TextEncoder().encode(text), chunks(), JSON.parse(text)]) {
      expect((await post(body)).status).toBe(202);
    }
    expect((await post(text, { raw: { user: 'u2' } })).status).toBe(202);
  });

  it('stops reading a streamed body past maxBodyBytes (no content-length) → 413; the default follows the spec', async () => {
    const { post } = await setup();
    let produced = 0;
    const endless = async function* () {
      while (true) {
        produced += 64 * 1024;
        yield new Uint8Array(64 * 1024);
      }
    };
    const response = await post(endless());
    expect(response.status).toBe(413);
    // Default: two 16 MB video data: URIs in base64 + 1 MiB (the spec's cap), no more read than that.
    expect(defaultCreateBodyLimitBytes).toBe(
      2 * Math.ceil(dataUriLimits.video.maxDecodedBytes / 3) * 4 + 1024 * 1024,
    );
    expect(produced).toBeGreaterThan(defaultCreateBodyLimitBytes);
    expect(produced).toBeLessThanOrEqual(defaultCreateBodyLimitBytes + 2 * 64 * 1024);
  });

  it('accepts application/json with a charset and +json types; refuses others with 415', async () => {
    const { post } = await setup({ taskMs: 60_000 });
    const body = JSON.stringify(input());
    const withType = (type: string) => post(body, { headers: { 'content-type': type }, raw: { user: type } });
    expect((await withType('application/json; charset=utf-8')).status).toBe(202);
    expect((await withType('application/merge-patch+json')).status).toBe(202);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      expect((await withType(type)).status).toBe(415);
    }
    expect((await post(body, { headers: {} })).status).toBe(415);
  });

  it('never lets __proto__ reach an object prototype (raw or parsed)', async () => {
    const { emu, post } = await setup();
    const polluting = `{"character":{"type":"image","uri":"https://a.example.com/c.png","__proto__":{"isAdmin":true}},"reference":{"type":"video","uri":"https://a.example.com/r.mp4"}}`;
    const response = await post(polluting);
    expect(response.status).toBe(400);
    expect(json(response).errors).toEqual([
      { path: 'character.__proto__', message: 'is not allowed (a reserved name)' },
    ]);
    expect((await post(JSON.parse(polluting))).status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(emu.stats.requests).toBe(0);
  });
});

describe('routing', () => {
  it('405 with Allow for a known path and the wrong method; 404 elsewhere; owns() says which paths', async () => {
    const { handler } = await setup();
    const call = (method: string, path: string) =>
      handler.handle({ method, path, headers: {}, raw: { user: 'u1' } });
    const wrong = await call('GET', '/character-performances');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect((await call('DELETE', '/tasks/v1.abc')).status).toBe(405);
    expect((await call('GET', '/elsewhere')).status).toBe(404);
    expect(handler.owns('/character-performances')).toBe(true);
    expect(handler.owns('/tasks/abc/events')).toBe(true);
    expect(handler.owns('/health')).toBe(false);
  });

  it('a throwing authorize (not 401/403) → generic 500, reported to onError', async () => {
    const emu = await emulator();
    const reported: unknown[] = [];
    const handler = createActkitHandler({
      client: clientFor(emu),
      secret,
      authorize: () => {
        throw new Error(`db down at ${testKey}`);
      },
      onError: (error) => reported.push(error),
    });
    const response = await handler.handle({ method: 'GET', path: '/tasks/v1.abc', headers: {} });
    expect(response.status).toBe(500);
    expect(JSON.stringify(response)).not.toContain(testKey);
    expect(reported).toHaveLength(1);
  });

  it('refuses to start without a secret when the client cannot derive one, or with a short secret', async () => {
    const emu = await emulator();
    const { deriveSecret: _, ...wrapped } = clientFor(emu);
    expect(() => createActkitHandler({ client: wrapped, authorize })).toThrow(/secret/);
    expect(() => createActkitHandler({ client: clientFor(emu), authorize, secret: 'short' })).toThrow(
      /16 bytes/,
    );
  });
});

describe('open event streams per owner', () => {
  async function streams(limit: number) {
    const emu = await emulator({ taskMs: 60_000, concurrency: 10 });
    const handler = createActkitHandler({
      client: clientFor(emu, { maxRetries: 0 }),
      authorize,
      secret,
      pollIntervalMs: 20,
      limits: { openStreams: limit },
    });
    const start = async (user: string) => {
      const created = await handler.handle({
        method: 'POST',
        path: '/character-performances',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input()),
        raw: { user },
      });
      return (json(created).task as { handle: string }).handle;
    };
    const handles = { u1: await start('u1'), u2: await start('u2') };
    const open = (user: 'u1' | 'u2' = 'u1', signal?: AbortSignal) =>
      handler.handle({
        method: 'GET',
        path: `/tasks/${handles[user]}/events`,
        headers: {},
        raw: { user },
        signal,
      });
    return { handler, open };
  }

  it('the limit+1th stream → 429 with Retry-After; a stream that ends gives its slot back', async () => {
    const { handler, open } = await streams(2);
    const first = await open();
    const second = await open();
    expect(isEventStream(first) && isEventStream(second)).toBe(true);
    const third = await open();
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('5');
    expect(json(third).type).toBe('https://actkit.dev/problems/rate-limited');
    expect((await open('u2')).status).toBe(200); // per owner
    // The first browser reads one event and leaves (the adapter stops iterating).
    if (!isEventStream(first)) throw new Error('expected a stream');
    for await (const _ of first.events) break;
    expect((await open()).status).toBe(200);
    await handler.close();
  });

  it('a stream the adapter never iterates is released when the client leaves or the handler closes', async () => {
    const { handler, open } = await streams(1);
    const leaving = new AbortController();
    expect((await open('u1', leaving.signal)).status).toBe(200);
    expect((await open()).status).toBe(429);
    leaving.abort();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const kept = await open();
    expect(kept.status).toBe(200);
    expect((await open()).status).toBe(429);
    await handler.close();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await open()).status).toBe(200);
  });
});

describe('the 202 reports the seed', () => {
  it('the random seed sent when none was given, or the given one', async () => {
    const emu = await emulator({ taskMs: 60_000, concurrency: 10 });
    const ids: string[] = [];
    const capturing: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (init?.method === 'POST') ids.push(((await response.clone().json()) as { id: string }).id);
      return response;
    };
    const handler = createActkitHandler({ client: clientFor(emu, { fetch: capturing }), authorize, secret });
    const post = async (body: unknown, user: string) =>
      json(
        await handler.handle({
          method: 'POST',
          path: '/character-performances',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          raw: { user },
        }),
      ).task as { seed: number };
    const drawn = await post(input(), 'u1');
    expect(drawn.seed).toBe(emu.task(ids[0] as string)?.body.seed);
    const given = await post({ ...input(), seed: 7 }, 'u2');
    expect(given.seed).toBe(7);
    expect(emu.task(ids[1] as string)?.body.seed).toBe(7);
  });
});
