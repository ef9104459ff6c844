// The plugin inside a real Fastify app (5 and 4): registered with a prefix in a child context, it reads its
// own bodies (413/415 as problem+json with no bootstrap line), while the app's own routes keep Fastify's
// parser and error format, and the app's hooks (an onRequest auth hook, a header hook) still run on its routes.
import { createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { actkitPlugin } from '@actkit/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, call, fastifyMajors, handleSecret, listen, readEvents, validInput } from './fastify-app.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 300 });
});
afterAll(() => emulator?.close());

const token = { authorization: 'Bearer token-of-ada' };
// Fastify adds `; charset=utf-8` to a string payload's type, as it does for every reply of the app.
const problem = 'application/problem+json; charset=utf-8';

describe.each(fastifyMajors)('$name', ({ create, version }) => {
  let app: FastifyInstance;
  let origin: string;
  const seenByAuthorize: unknown[] = [];

  beforeAll(async () => {
    app = create();
    // The app's own auth: an onRequest hook on the root context sets request.user.
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      const users: Record<string, string> = { 'Bearer token-of-ada': 'ada' };
      (request as FastifyRequest & { user: string | null }).user =
        users[request.headers.authorization ?? ''] ?? null;
    });
    // A header the app sets on every reply in a hook, as @fastify/cors does.
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('x-app-hook', 'ran');
    });
    // The app's own error handler, and a hook that fails on demand: the plugin must leave such errors to it.
    app.setErrorHandler((error, _request, reply) => {
      if (!(error as Error).message.includes('hook failed')) throw error; // Fastify's default answers the rest
      reply.code(418).send({ handledByTheApp: (error as Error).message });
    });
    app.addHook('preHandler', async (request) => {
      if (request.headers['x-explode']) throw new Error('the app’s hook failed');
    });
    app.post('/echo', async (request) => ({ body: request.body }));
    // A child context with its own prefix, and the plugin registered in it with another.
    await app.register(
      async (api) => {
        await api.register(actkitPlugin, {
          prefix: '/actkit',
          client: createActkitClient({ apiKey: 'k', baseUrl: emulator.url }),
          authorize: (request) => {
            seenByAuthorize.push(request);
            return (request as FastifyRequest & { user: string | null }).user;
          },
          secret: handleSecret,
          // 1 MiB (the default follows the spec's data: URI caps, ~44 MB): small bodies prove the limit.
          maxBodyBytes: 1_048_576,
          pollIntervalMs: 50,
        });
        api.get('/actkit/health', async () => ({ ok: true }));
      },
      { prefix: '/api' },
    );
    origin = await listen(app);
  });
  afterAll(() => app?.close());

  const url = (path: string) => `${origin}/api/actkit${path}`;

  it(`runs on Fastify ${version}`, () => {
    expect(app.version).toBe(version);
  });

  it('authorize gets the Fastify request after the app’s onRequest hook ran; a task streams to SUCCEEDED', async () => {
    expect((await call(url('/character-performances'), { body: validInput })).status).toBe(401);
    const created = await call(url('/character-performances'), { body: validInput, headers: token });
    expect(created.status, created.text).toBe(202);
    expect(created.headers.get('x-app-hook')).toBe('ran');
    const request = seenByAuthorize.at(-1) as FastifyRequest;
    expect(request.raw).toBeDefined();
    expect(request.url).toBe('/api/actkit/character-performances');

    const stream = await readEvents(url(`/tasks/${created.json.task.handle}/events`), token);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('x-app-hook')).toBe('ran'); // hook headers survive the raw stream
    expect(stream.events.at(-1)).toMatchObject({ status: 'SUCCEEDED', handle: created.json.task.handle });
  });

  it('a 600 kB body reaches the handler; over 1 MiB → 413 problem+json', async () => {
    expect(
      (await call(url('/character-performances'), { body: bodyOf(600_000), headers: token })).status,
    ).toBe(202);
    const large = await call(url('/character-performances'), { body: bodyOf(1_100_000), headers: token });
    expect([large.status, large.headers.get('content-type')]).toEqual([413, problem]);
  });

  it('text/plain, a malformed Content-Type and no Content-Type → 415 problem+json; broken JSON → 400', async () => {
    const body = JSON.stringify(validInput);
    for (const contentType of ['text/plain', 'garbage', 'application/xml']) {
      const answer = await call(url('/character-performances'), { body, contentType, headers: token });
      expect([answer.status, answer.headers.get('content-type')], contentType).toEqual([415, problem]);
    }
    const bare = await fetch(url('/character-performances'), {
      method: 'POST',
      headers: token,
      body: new Blob([body]), // a Blob without a type: no Content-Type header at all
    });
    expect([bare.status, bare.headers.get('content-type')]).toEqual([415, problem]);
    const broken = await call(url('/character-performances'), { body: '{"character":', headers: token });
    expect([broken.status, broken.headers.get('content-type')]).toEqual([400, problem]);
  });

  it('errors the app’s own hooks raise on the plugin’s routes go to the app’s error handler', async () => {
    const answer = await call(url('/character-performances'), {
      body: validInput,
      headers: { ...token, 'x-explode': '1' },
    });
    expect([answer.status, answer.json]).toEqual([418, { handledByTheApp: 'the app’s hook failed' }]);
  });

  it('another method on a contract path → 405 problem with Allow', async () => {
    const answer = await call(url('/character-performances'), { headers: token });
    expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'POST']);
    expect(answer.headers.get('content-type')).toBe(problem);
  });

  it('the app’s own routes keep Fastify’s JSON parser, its limit and its error format', async () => {
    expect((await call(`${origin}/echo`, { body: { hello: 'world' } })).json).toEqual({
      body: { hello: 'world' },
    });
    const large = await call(`${origin}/echo`, { body: bodyOf(1_100_000) });
    expect(large.status).toBe(413);
    expect(large.headers.get('content-type')).toContain('application/json');
    expect(large.json).toMatchObject({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    const plain = await call(`${origin}/echo`, { body: 'hi', contentType: 'application/xml' });
    expect(plain.json).toMatchObject({ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
  });

  it('paths under the prefix outside the contract are the app’s: its routes, else Fastify’s 404', async () => {
    expect((await call(url('/health'))).json).toEqual({ ok: true });
    const missing = await call(url('/nowhere'), { headers: token });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).not.toContain('problem');
  });
});
