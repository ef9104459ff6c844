// The README's example, run exactly as written (built packages, a real node process), against the emulator:
// 401 before sign-in, then sign in (a signed cookie), start a task and follow its events to SUCCEEDED.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validInput } from './helpers.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
// Inside this package, so the example resolves hono, @hono/node-server and the built @actkit packages.
const workDir = fileURLToPath(new URL('../.readme-example/', import.meta.url));

function exampleSource(): string {
  const text = readFileSync(readme, 'utf8');
  const section = text.slice(text.indexOf('## Example'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('no ```js block under "## Example" in the README');
  return match[1];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let emulator: Emulator;
let child: ChildProcess;
let base: string;

beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 300 });
  mkdirSync(workDir, { recursive: true });
  writeFileSync(`${workDir}server.mjs`, exampleSource());
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['server.mjs'], {
    cwd: workDir,
    env: {
      ...process.env,
      PORT: String(port),
      COMETAPI_KEY: 'readme-example-key',
      ACTKIT_BASE_URL: emulator.url,
      SESSION_SECRET: 'readme-example-session-secret-of-32+chars',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      if (String(chunk).includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the README example exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  child?.kill('SIGTERM');
  await emulator?.close();
  rmSync(workDir, { recursive: true, force: true });
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
