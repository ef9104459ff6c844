// The README's example, run exactly as written: its ```js block as server.mjs in a real node process against
// the BUILT package, with the emulator upstream. 401 without a token, then a task followed to SUCCEEDED,
// then SIGTERM closes the app.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, readEvents, validInput } from './fastify-app.js';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
// Inside this package, so the example resolves fastify and the built @actkit packages.
const workDir = fileURLToPath(new URL('../.readme-example/', import.meta.url));

function exampleSource(): string {
  const section = readme.slice(readme.indexOf('## Example'));
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
  emulator = await startEmulator({ taskMs: 300, apiKey: 'readme-example-key' });
  mkdirSync(workDir, { recursive: true });
  writeFileSync(`${workDir}server.mjs`, exampleSource());
  const port = await freePort();
  base = `http://127.0.0.1:${port}/api/actkit`;
  child = spawn(process.execPath, ['server.mjs'], {
    cwd: workDir,
    env: {
      ...process.env,
      PORT: String(port),
      COMETAPI_KEY: 'readme-example-key',
      ACTKIT_BASE_URL: emulator.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('listening on')) resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => reject(new Error(`the README example exited with ${code}: ${output}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await emulator?.close();
  rmSync(workDir, { recursive: true, force: true });
});

it('answers 401 without a token, then streams a task to SUCCEEDED, and exits on SIGTERM', async () => {
  const url = `${base}/character-performances`;
  expect((await call(url, { body: validInput })).status).toBe(401);
  const auth = { authorization: 'Bearer demo-token' };
  const created = await call(url, { body: validInput, headers: auth });
  expect(created.status, created.text).toBe(202);
  const { events } = await readEvents(`${base}/tasks/${created.json.task.handle}/events`, auth);
  expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', handle: created.json.task.handle });

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  child.kill('SIGTERM');
  // app.close() ran (the process has nothing left to keep it alive) and the process ended.
  expect(await exited).toBe(0);
});
