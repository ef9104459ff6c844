// `REDIS_URL=redis://… npm run demo`: the demo keeps its server state in Redis, so a browser's task list
// (GET /api/actkit/tasks) and its task links survive a restart of the demo. A real redis-server on a free
// port; the demo (Express flavour) started, stopped and started again in this process. No browser needed:
// the page reads the same routes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../packages/redis/test/helpers/redis-server.ts';
import type { DemoConfig } from '../src/server/demo-config.js';
import { type DemoServer, startDemoServer } from '../src/server/start-demo-server.js';

const input = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

let redis: RedisServer;
let demo: DemoServer | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await demo?.close();
  await redis?.close();
});

const config = (): DemoConfig => ({
  port: 0,
  host: '127.0.0.1',
  apiKey: undefined,
  emulatorTaskMs: 500,
  handleSecret: undefined, // the emulator's default: random per process, unless kept in Redis
  redisUrl: redis.url,
});

it('keeps a browser’s task list and task links across a restart when REDIS_URL is set', async () => {
  demo = await startDemoServer(config());
  expect(demo.stateWhere).toBe(`in Redis at ${redis.url}`);
  const api = `${demo.url}api/actkit`;
  const created = await fetch(`${api}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  expect(created.status).toBe(202);
  // The demo's session cookie is who owns the task (a browser keeps it across the restart).
  const cookie = created.headers.get('set-cookie')!.split(';')[0]!;
  const { handle } = ((await created.json()) as { task: { handle: string } }).task;
  let status = '';
  for (let i = 0; i < 100 && status !== 'SUCCEEDED'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = await fetch(`${api}/tasks/${handle}`, { headers: { cookie } });
    status = ((await read.json()) as { task: { status: string } }).task.status;
  }
  expect(status).toBe('SUCCEEDED');

  await demo.close();
  demo = await startDemoServer(config());
  const restartedApi = `${demo.url}api/actkit`;
  const listed = await fetch(`${restartedApi}/tasks`, { headers: { cookie } });
  expect(listed.status).toBe(200);
  const { tasks } = (await listed.json()) as { tasks: { handle: string; status: string }[] };
  expect(tasks).toEqual([expect.objectContaining({ handle, status: 'SUCCEEDED' })]);
  // The link made before the restart still opens (the handle secret is kept in Redis).
  const read = await fetch(`${restartedApi}/tasks/${handle}`, { headers: { cookie } });
  expect(read.status).toBe(200);
  // Another browser sees nothing of it.
  const other = await fetch(`${restartedApi}/tasks`);
  expect(((await other.json()) as { tasks: unknown[] }).tasks).toEqual([]);
});

it('without REDIS_URL keeps state in the process, as before', async () => {
  await demo?.close();
  demo = await startDemoServer({ ...config(), redisUrl: undefined });
  expect(demo.stateWhere).toBe('in this process');
});

it('a REDIS_URL nothing answers at stops the start with a message (never a silent hang)', async () => {
  // A port the test's own redis-server is not on, and nothing else listens on: node-redis would retry it
  // forever, and the demo waited silently.
  const closed = new URL(redis.url);
  closed.port = String(Number(closed.port) + 1);
  const started = performance.now();
  const failed = await startDemoServer({ ...config(), redisUrl: closed.toString() }).catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(Error);
  expect((failed as Error).message).toMatch(
    /REDIS_URL is set but Redis did not answer at redis:\/\/127\.0\.0\.1:/,
  );
  expect(performance.now() - started).toBeLessThan(20_000);
});
