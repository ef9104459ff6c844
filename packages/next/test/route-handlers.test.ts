// createActkitRouteHandlers called the way Next.js calls a route's GET/POST (a Request and the context with
// the catch-all's params), in this process, against the emulator: where the contract path comes from, and
// the function form that lets `next build` load the route without secrets.
import { createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import type { NextRequest } from 'next/server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActkitRouteHandlersOptions, createActkitRouteHandlers } from '../src/index.js';
import { validInput } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 300 });
});
afterAll(() => emulator?.close());

const options = (extra: Partial<ActkitRouteHandlersOptions> = {}): ActkitRouteHandlersOptions => ({
  client: createActkitClient({ apiKey: 'k', baseUrl: emulator.url }),
  authorize: (request) => request.headers.get('x-user'),
  secret: 'route-handler-tests-secret-0123456789',
  ...extra,
});

/** What Next passes: the request and `{ params }` with the catch-all's decoded segments. */
const call = (
  handler: (r: NextRequest, c: never) => Promise<Response>,
  url: string,
  segments: string[],
  init?: RequestInit,
) =>
  handler(new Request(url, init) as NextRequest, { params: Promise.resolve({ actkit: segments }) } as never);

const post = () => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-user': 'u1' },
  body: JSON.stringify(validInput),
});

describe('the contract path', () => {
  it('is the part the catch-all matched, wherever the route lives', async () => {
    const { GET, POST } = createActkitRouteHandlers(options());
    const created = await call(
      POST,
      'http://app.test/deep/down/v2/character-performances',
      ['character-performances'],
      post(),
    );
    expect(created.status).toBe(202);
    const { task } = (await created.json()) as { task: { handle: string } };
    const read = await call(
      GET,
      `http://app.test/deep/down/v2/tasks/${task.handle}`,
      ['tasks', task.handle],
      {
        headers: { 'x-user': 'u1' },
      },
    );
    expect(read.status).toBe(200);
    const wrong = await call(GET, 'http://app.test/x/character-performances', ['character-performances']);
    expect(wrong.status).toBe(405);
  });

  it('with basePath, is matched against it: outside → 404 problem', async () => {
    const { POST } = createActkitRouteHandlers(options({ basePath: '/api/actkit' }));
    const inside = await call(POST, 'http://app.test/api/actkit/character-performances', ['ignored'], post());
    expect(inside.status).toBe(202);
    const outside = await call(
      POST,
      'http://app.test/other/character-performances',
      ['character-performances'],
      post(),
    );
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('options as a function', () => {
  it('is not called until the first request, then once', async () => {
    let calls = 0;
    const { GET, POST } = createActkitRouteHandlers(() => {
      calls += 1;
      return options();
    });
    expect(calls).toBe(0);
    expect(
      (await call(POST, 'http://a/character-performances', ['character-performances'], post())).status,
    ).toBe(202);
    expect(
      (await call(GET, 'http://a/tasks/v1.x', ['tasks', 'v1.x'], { headers: { 'x-user': 'u1' } })).status,
    ).toBe(404);
    expect(calls).toBe(1);
  });

  it('throws its configuration errors from the request, not from the module load', async () => {
    const { GET } = createActkitRouteHandlers(() => ({ ...options(), secret: 'short' }));
    await expect(call(GET, 'http://a/tasks/x', ['tasks', 'x'])).rejects.toThrow(/secret/);
  });

  it('plain options are checked at once', () => {
    expect(() => createActkitRouteHandlers({ ...options(), authorize: undefined as never })).toThrow(
      /authorize/,
    );
  });
});
