// The README's example, as written (its three files, generated into the shared test app under /readme by the
// app's build), served by `next start` against the emulator: 401 before sign-in, then a task to SUCCEEDED
// over SSE with the session cookie.
import { type Emulator, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type NextApp, readmeExampleFiles, startNextApp } from '../../../tests/next-app/harness/index.ts';

const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

let emulator: Emulator;
let app: NextApp;

beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 300 });
  app = await startNextApp({
    env: {
      COMETAPI_KEY: 'readme-example-key',
      ACTKIT_BASE_URL: emulator.url,
      SESSION_SECRET: 'readme-example-session-secret-of-32+chars',
    },
  });
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await emulator?.close();
});

it('has three files in its example: the session, the sign-in and the catch-all route', () => {
  expect(readmeExampleFiles().map((f) => f.file)).toEqual([
    'lib/session.ts',
    'app/api/login/route.ts',
    'app/api/actkit/[...actkit]/route.ts',
  ]);
});

it('runs as written: 401 before sign-in, then a task through to SUCCEEDED over SSE', async () => {
  const base = `${app.origin}/readme/api`;
  const post = (cookie?: string) =>
    fetch(`${base}/actkit/character-performances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(validInput),
    });
  const anonymous = await post();
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('content-type')).toBe('application/problem+json');

  const login = await fetch(`${base}/login`, { method: 'POST' });
  expect(login.status).toBe(204);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^session=/);
  const created = await post(cookie);
  expect(created.status).toBe(202);
  const { task } = (await created.json()) as { task: { handle: string } };

  const events = await fetch(`${base}/actkit/tasks/${task.handle}/events`, { headers: { cookie } });
  expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await events.text();
  const last = text.trim().split('\n\n').at(-1)!;
  expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ status: 'SUCCEEDED', handle: task.handle });
  expect(emulator.stats.tasksCreated).toBe(1);
});
