// Reads while Redis is down, over real HTTP to an instance process with a real redis-server that the test
// stops and starts again: a task the provider accepted (its handle carries the provider id) is still read
// and followed from upstream; only answers that need the store (the owner's list, an attempt with no
// provider task yet) answer 503 with Retry-After, in words that say so; a create still fails closed with no
// paid create upstream. Redis back: everything works again, the instance is never restarted.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Answer, create, get, watch } from './helpers/browser.js';
import { type Cluster, until, useCluster } from './helpers/cluster.js';

/** A create with this seed runs 3 s upstream: it is still running when Redis stops, and ends during it. */
const slowSeed = 3003;
const env = useCluster({ taskMs: (body) => (body.seed === slowSeed ? 3000 : 800) });

let cluster: Cluster;
beforeAll(async () => {
  cluster = await env.start({ frameworks: ['express'], settle: false, limits: { openStreams: 2 } });
});

const expect503 = (answer: Answer, says: RegExp) => {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(answer.json).toMatchObject({ type: 'https://actkit.dev/problems/store-unavailable', status: 503 });
  expect(answer.json.detail).toMatch(says);
  expect(JSON.stringify(answer.json)).not.toMatch(/redis|127\.0\.0\.1|ECONNREFUSED/i);
};
const readNeedsStore = /this answer needs them/;
const nothingStarted = /nothing was started/;

describe('Redis down, reads', () => {
  it('a created task is read and streamed from upstream; the list and an attempt answer 503; creates fail closed; all recovers', async () => {
    const [instance] = cluster.instances;
    const url = instance!.url;
    const owner = 'owner-reads';
    const running = await create(url, owner, undefined, { seed: slowSeed });
    expect(running.status).toBe(202);
    const handle: string = running.json.task.handle;
    // An attempt whose create answered ambiguously: UNKNOWN, no provider id, only its record says anything.
    env.emulator.inject({ kind: 'status', route: 'create', status: 500, afterCreate: true });
    expect((await create(url, owner)).status).toBe(502);
    const listed = await get(url, '/tasks?limit=10', owner);
    const attempt = listed.json.tasks.find((task: { status: string }) => task.status === 'UNKNOWN');
    expect(attempt?.handle).toEqual(expect.any(String));
    const createdBefore = env.emulator.stats.tasksCreated;

    await env.redis.stop();
    try {
      // GET of the task: the provider's state, while it runs.
      const read = await get(url, `/tasks/${handle}`, owner);
      expect(read.status).toBe(200);
      expect(read.json.task).toMatchObject({ handle, status: expect.stringMatching(/PENDING|RUNNING/) });
      // Its event stream follows it to the end while Redis stays down. Two at once (openStreams 2: the
      // limit is counted in the instance meanwhile).
      const streams = [watch(url, handle, owner), watch(url, handle, owner)];
      await Promise.all(streams.map((stream) => stream.done));
      for (const stream of streams) {
        expect(stream.events.length).toBeGreaterThan(0);
        expect(stream.events.at(-1)).toMatchObject({
          handle,
          status: 'SUCCEEDED',
          output: [expect.any(String)],
        });
      }
      expect((await get(url, `/tasks/${handle}`, owner)).json.task).toMatchObject({ status: 'SUCCEEDED' });

      // What needs the store: the owner's list, and the attempt with no provider task (read and stream).
      expect503(await get(url, '/tasks', owner), readNeedsStore);
      expect503(await get(url, `/tasks/${attempt.handle}`, owner), readNeedsStore);
      expect503(await get(url, `/tasks/${attempt.handle}/events`, owner), readNeedsStore);
      // A create: fails closed, nothing upstream.
      expect503(await create(url, owner), nothingStarted);
      expect(env.emulator.stats.tasksCreated).toBe(createdBefore);
    } finally {
      await env.redis.start();
    }

    // Redis is back (empty: it kept nothing), the same instance process: creates, the list, reads and
    // streams all answer again once its client has reconnected.
    let again: Answer | undefined;
    await until(async () => {
      again = await create(url, owner);
      return again.status === 202;
    }, 'a create is accepted again');
    const newHandle: string = again!.json.task.handle;
    const list = await get(url, '/tasks', owner);
    expect(list.status).toBe(200);
    expect(list.json.tasks.map((task: { handle: string }) => task.handle)).toContain(newHandle);
    const stream = watch(url, newHandle, owner);
    await stream.done;
    expect(stream.events.at(-1)).toMatchObject({ handle: newHandle, status: 'SUCCEEDED' });
    await until(
      async () => (await get(url, '/tasks', owner)).json.tasks[0]?.status === 'SUCCEEDED',
      'the list shows the new task SUCCEEDED',
    );
    expect((await get(url, `/tasks/${handle}`, owner)).status).toBe(200);
    expect(env.emulator.stats.tasksCreated).toBe(createdBefore + 1);
  });
});
