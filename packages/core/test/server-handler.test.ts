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

  it('an upstream rate limit → 503 with Retry-After', async () => {
    const { emu, post } = await setup();
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 9, times: 10 });
    const response = await post(JSON.stringify(input()));
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('9');
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
    expect(json(response).errors).toEqual([{ path: 'character.__proto__', message: 'forbidden key' }]);
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

  it('refuses to start without a secret or COMETAPI_KEY', async () => {
    const emu = await emulator();
    const saved = process.env.COMETAPI_KEY;
    delete process.env.COMETAPI_KEY;
    try {
      expect(() => createActkitHandler({ client: clientFor(emu), authorize })).toThrow(/secret/);
      expect(() => createActkitHandler({ client: clientFor(emu), authorize, secret: 'short' })).toThrow(
        /16 bytes/,
      );
    } finally {
      if (saved !== undefined) process.env.COMETAPI_KEY = saved;
    }
  });
});
