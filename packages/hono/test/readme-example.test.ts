// The README's example, run exactly as written (built packages, a real node process), against the emulator:
// 401 before sign-in, then sign in (a signed cookie), start a task and follow its events to SUCCEEDED.
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ExampleServer, startExampleServer } from '../../core/test/readme-example-server.js';
import { validInput } from './helpers.js';

let emulator: Emulator;
let example: ExampleServer;
let base: string;

beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 300 });
  example = await startExampleServer({
    readmePath: fileURLToPath(new URL('../README.md', import.meta.url)),
    // Inside this package, so the example resolves hono, @hono/node-server and the built @actkit packages.
    workDir: fileURLToPath(new URL('../.readme-example', import.meta.url)),
    env: {
      COMETAPI_KEY: 'readme-example-key',
      ACTKIT_BASE_URL: emulator.url,
      SESSION_SECRET: 'readme-example-session-secret-of-32+chars',
    },
  });
  base = example.origin;
});

afterAll(async () => {
  example?.stop();
  await emulator?.close();
});

it('runs as written: 401 before sign-in, then a task through to SUCCEEDED over SSE', async () => {
  const url = `${base}/api/actkit/character-performances`;
  const post = (cookie?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(validInput),
    });
  expect((await post()).status).toBe(401);
  // A forged cookie (no valid signature) is nobody.
  expect((await post('user=demo-user')).status).toBe(401);

  const login = await fetch(`${base}/login`, { method: 'POST' });
  expect(login.status).toBe(204);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const created = await post(cookie);
  expect(created.status).toBe(202);
  const { task } = (await created.json()) as { task: { handle: string } };

  const events = await fetch(`${base}/api/actkit/tasks/${task.handle}/events`, { headers: { cookie } });
  expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await events.text();
  const last = text.trim().split('\n\n').at(-1)!;
  expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ status: 'SUCCEEDED', handle: task.handle });
  expect(emulator.stats.tasksCreated).toBe(1);
});
