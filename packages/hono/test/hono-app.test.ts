// @actkit/hono mounted with app.route() among the app's own routes, on @hono/node-server: the contract's paths
// are served (authorize reads Hono's Context), everything else falls through to the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actkit } from '../src/index.js';
import { startHonoApp, validInput } from './helpers.js';

let app: Awaited<ReturnType<typeof startHonoApp>>;
// A 1 MiB body limit (the default follows the spec's data: URI caps, ~44 MB) keeps the 413 test's body small.
const maxBodyBytes = 1_048_576;
beforeAll(async () => {
  app = await startHonoApp({ handler: { maxBodyBytes } });
});
afterAll(() => app?.close());

describe('mounted with app.route()', () => {
  it('serves the contract: 202, then 200 until SUCCEEDED, for the owner the Context names', async () => {
    const handle = await app.start('alice');
    let status = '';
    for (let i = 0; i < 50 && status !== 'SUCCEEDED'; i++) {
      const read = await fetch(`${app.url}/tasks/${handle}`, { headers: { 'x-user': 'alice' } });
      expect(read.status).toBe(200);
      status = ((await read.json()) as { task: { status: string } }).task.status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('SUCCEEDED');
    const other = await fetch(`${app.url}/tasks/${handle}`, { headers: { 'x-user': 'mallory' } });
    expect(other.status).toBe(404);
  });

  it('401 when the Context has no user', async () => {
    const response = await fetch(`${app.url}/character-performances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validInput),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('leaves other paths to the app: its own routes under the mount path and its notFound', async () => {
    const health = await fetch(`${app.url}/health`);
    expect(await health.json()).toEqual({ ok: true });
    for (const path of ['/nothing', '/tasks/a/b/c', '', '/character-performances/x']) {
      const response = await fetch(`${app.url}${path}`, { headers: { 'x-user': 'alice' } });
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe('the app’s own 404');
    }
  });

  it('a wrong method on a contract path → 405 with Allow, as problem+json', async () => {
    const response = await fetch(`${app.url}/tasks/v1.x`, {
      method: 'DELETE',
      headers: { 'x-user': 'alice' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('refuses a chunked body past maxBodyBytes with 413 (no content-length to trust)', async () => {
    const before = app.emulator.stats.requests;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        if (sent > 8 * maxBodyBytes) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const response = await fetch(`${app.url}/character-performances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': 'alice' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(app.emulator.stats.requests).toBe(before);
  });

  it('needs authorize', () => {
    expect(() => actkit({ client: {} as never, secret: 'x'.repeat(32) } as never)).toThrow(/authorize/);
  });
});
