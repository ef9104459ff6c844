// The READMEs' multi-instance examples, run exactly as written: this package's (three node processes of
// server.mjs, built packages, sharing one real redis-server, the emulator upstream: a task started on one
// instance is read on another, streamed to SUCCEEDED on the third, listed everywhere, saved once by
// onTaskSettled; the per-user limit holds across instances; SIGTERM shuts an instance down cleanly), and the
// root README's shorter one (two instances: shared tasks and limits).
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSource, startExampleFile } from '../../core/test/readme-example-server.js';
import { sampleInput } from './helpers/browser.js';
import { until } from './helpers/cluster.js';
import { type RedisServer, startRedisServer } from './helpers/redis-server.js';

const packageReadme = fileURLToPath(new URL('../README.md', import.meta.url));
const rootReadme = fileURLToPath(new URL('../../../README.md', import.meta.url));
// Inside this package, so the examples resolve their imports as an app would: the built @actkit packages
// (@actkit/redis by its own name), express and redis.
const workDir = fileURLToPath(new URL('../.readme-example/', import.meta.url));

interface Running {
  child: ChildProcess;
  base: string;
  output: () => string;
}

let redis: RedisServer;
let emulator: Emulator;
/** The seed of tasks that must still be running when the next create comes. */
const runningSeed = 7;
const instances: Running[] = [];
const rootInstances: Running[] = [];

async function startExample(file: string): Promise<Running> {
  const { child, origin, output } = await startExampleFile({
    workDir,
    file,
    env: {
      REDIS_URL: redis.url,
      COMETAPI_KEY: 'readme-example-key',
      ACTKIT_BASE_URL: emulator.url,
      ACTKIT_HANDLE_SECRET: 'readme-example-handle-secret-of-32-bytes',
    },
  });
  return { child, base: `${origin}/api/actkit`, output };
}

beforeAll(async () => {
  [redis, emulator] = await Promise.all([
    startRedisServer(),
    startEmulator({
      // The limit tests' tasks (seed 7) run long: a 1 s task could end, and free its slot, before the 4th
      // create on a slow machine.
      taskMs: (body) => (body.seed === runningSeed ? 60_000 : 1000),
    }),
  ]);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(`${workDir}videos`, { recursive: true });
  writeFileSync(`${workDir}server.mjs`, exampleSource(packageReadme, '## Multi-instance example'));
  writeFileSync(`${workDir}root-server.mjs`, exampleSource(rootReadme, '## Multi-instance setup'));
});

afterAll(async () => {
  for (const { child } of [...instances, ...rootInstances]) child.kill('SIGKILL');
  await Promise.all([redis?.close(), emulator?.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

const call = (url: string, user: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { 'x-authenticated-user': user, 'content-type': 'application/json' } });

describe('packages/redis/README.md', () => {
  beforeAll(async () => {
    instances.push(...(await Promise.all([1, 2, 3].map(() => startExample('server.mjs')))));
  });

  it('runs as written on three instances sharing one Redis', async () => {
    const [a, b, c] = instances;
    const created = await call(`${a!.base}/character-performances`, 'alice', {
      method: 'POST',
      body: JSON.stringify(sampleInput),
    });
    expect(created.status).toBe(202);
    const { handle } = ((await created.json()) as { task: { handle: string } }).task;

    // Read on another instance, streamed to the end on the third.
    expect((await call(`${b!.base}/tasks/${handle}`, 'alice')).status).toBe(200);
    const events = await (await call(`${c!.base}/tasks/${handle}/events`, 'alice')).text();
    const last = events.trim().split('\n\n').at(-1)!;
    expect(JSON.parse(last.replace(/^data: /, ''))).toMatchObject({ status: 'SUCCEEDED', handle });

    // Listed on every instance; nobody else sees it.
    for (const { base } of instances) {
      const listed = (await (await call(`${base}/tasks`, 'alice')).json()) as { tasks: { handle: string }[] };
      expect(listed.tasks.map((task) => task.handle)).toEqual([handle]);
    }
    const others = (await (await call(`${b!.base}/tasks`, 'mallory')).json()) as { tasks: unknown[] };
    expect(others.tasks).toEqual([]);

    // onTaskSettled saved the video once, on one of the instances.
    const saved = () => instances.flatMap(({ output }) => output().match(/saved alice's video: \S+/g) ?? []);
    await until(() => saved().length >= 1, 'the video saved');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(saved()).toHaveLength(1);
    const files = readdirSync(`${workDir}videos`).filter((file) => file.endsWith('.mp4'));
    expect(files).toHaveLength(1);
    expect(statSync(`${workDir}videos/${files[0]}`).size).toBeGreaterThan(1000);
  });

  it('holds the per-user limit across instances: 3 running tasks, the 4th refused on any instance', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push(
        await call(`${instances[i % 3]!.base}/character-performances`, 'bob', {
          method: 'POST',
          body: JSON.stringify({ ...sampleInput, seed: runningSeed }),
        }),
      );
    }
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 429]);
    expect(answers[3]!.headers.get('retry-after')).toBeTruthy();
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const { child } = instances.pop()!;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('README.md (multi-instance setup)', () => {
  beforeAll(async () => {
    rootInstances.push(...(await Promise.all([1, 2].map(() => startExample('root-server.mjs')))));
  });

  it('runs as written on two instances: a task and the limits are shared', async () => {
    const [a, b] = rootInstances;
    const created = await call(`${a!.base}/character-performances`, 'carol', {
      method: 'POST',
      body: JSON.stringify(sampleInput),
    });
    expect(created.status).toBe(202);
    const { handle } = ((await created.json()) as { task: { handle: string } }).task;
    const events = await (await call(`${b!.base}/tasks/${handle}/events`, 'carol')).text();
    expect(events).toContain('"SUCCEEDED"');
    const listed = (await (await call(`${b!.base}/tasks`, 'carol')).json()) as {
      tasks: { handle: string }[];
    };
    expect(listed.tasks.map((task) => task.handle)).toEqual([handle]);
    // The default limit, 3 running tasks per user, across both instances.
    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push(
        await call(`${rootInstances[i % 2]!.base}/character-performances`, 'dave', {
          method: 'POST',
          body: JSON.stringify({ ...sampleInput, seed: runningSeed }),
        }),
      );
    }
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 429]);
  });
});
