// The README's example, run exactly as written: its ```js block as server.mjs in a real node process against
// the BUILT package, with the emulator upstream. 401 without a token, then a task followed to SUCCEEDED,
// then SIGTERM closes the app.
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ExampleServer, startExampleServer } from '../../core/test/readme-example-server.js';
import { call, readEvents, validInput } from './fastify-app.js';

let emulator: Emulator;
let example: ExampleServer;
let base: string;

beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 300, apiKey: 'readme-example-key' });
  example = await startExampleServer({
    readmePath: fileURLToPath(new URL('../README.md', import.meta.url)),
    // Inside this package, so the example resolves fastify and the built @actkit packages.
    workDir: fileURLToPath(new URL('../.readme-example', import.meta.url)),
    env: { COMETAPI_KEY: 'readme-example-key', ACTKIT_BASE_URL: emulator.url },
  });
  base = `${example.origin}/api/actkit`;
});

afterAll(async () => {
  example?.stop();
  await emulator?.close();
});

it('answers 401 without a token, then streams a task to SUCCEEDED, and exits on SIGTERM', async () => {
  const url = `${base}/character-performances`;
  expect((await call(url, { body: validInput })).status).toBe(401);
  const auth = { authorization: 'Bearer demo-token' };
  const created = await call(url, { body: validInput, headers: auth });
  expect(created.status, created.text).toBe(202);
  const { events } = await readEvents(`${base}/tasks/${created.json.task.handle}/events`, auth);
  expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', handle: created.json.task.handle });

  const exited = new Promise((resolve) =>
    example.child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  example.child.kill('SIGTERM');
  // app.close() ran (the process has nothing left to keep it alive) and the process ended.
  expect(await exited).toBe(0);
});
