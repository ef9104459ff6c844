// The owner's task ledger on Redis, across instance processes: a paid create is never lost, whether the
// browser leaves mid-create, the instance dies mid-create, or every instance restarts while tasks run; the
// owner's list pages stably while other instances create; onTaskSettled runs once per task. The tests share
// one cluster, in this order: the last two kill instances (and the restart test replaces all three).
import { beforeAll, describe, expect, it } from 'vitest';
import { create, get } from './helpers/browser.js';
import { type Cluster, until, useCluster } from './helpers/cluster.js';

/** A create with this seed runs 3.5 s upstream (the restart test needs tasks that outlive a restart). */
const longSeed = 5005;
const env = useCluster({ taskMs: (body) => (body.seed === longSeed ? 3500 : 1500) });

/** A create gives up after 1 s, so an attempt still CREATING 1.5 s after it began reads as UNKNOWN. */
const maxCreateMs = 1500;
let cluster: Cluster;
beforeAll(async () => {
  cluster = await env.start({
    createTimeoutMs: 1000,
    // Fast follower scans, so resumed and abandoned tasks settle within the test's time.
    handler: { followTasks: { scanIntervalMs: 300, settlementLeaseMs: 10_000 }, maxCreateMs },
  });
});
/** Settlements of one owner's tasks. */
const settledOf = (owner: string) => cluster.settled().filter((s) => s.owner === owner);

type ListedTask = { handle: string; status: string; reason?: string; createdAt: string };

/** Every task of `owner` through GET /tasks on `url`, page by page (`limit` per page). */
async function listAll(url: string, owner: string, limit = 100): Promise<ListedTask[]> {
  const tasks: ListedTask[] = [];
  let cursor: string | undefined;
  do {
    const query = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await get(url, `/tasks?${query}`, owner);
    expect(page.status).toBe(200);
    tasks.push(...page.json.tasks);
    cursor = page.json.nextCursor;
  } while (cursor);
  return tasks;
}

describe('the ledger across instances', () => {
  it('a browser that leaves mid-create does not abort it: the task is listed with a working handle and settles', async () => {
    const [a, b] = cluster.instances;
    const createdBefore = env.emulator.stats.tasksCreated;
    env.emulator.inject({ kind: 'latency', route: 'create', ms: 600 });
    const browser = new AbortController();
    const leaving = create(a!.url, 'owner-leaves', browser.signal).catch((error: unknown) => error);
    // The record is written before the create is sent: it is listed (on another instance) while in flight.
    await until(async () => (await listAll(b!.url, 'owner-leaves')).length === 1, 'the CREATING record');
    expect((await listAll(b!.url, 'owner-leaves'))[0]!.status).toBe('CREATING');
    browser.abort();
    expect(await leaving).toBeInstanceOf(Error);

    await until(async () => (await listAll(b!.url, 'owner-leaves'))[0]?.status === 'SUCCEEDED', 'SUCCEEDED');
    expect(env.emulator.stats.tasksCreated).toBe(createdBefore + 1);
    const [listed] = await listAll(b!.url, 'owner-leaves');
    const read = await get(cluster.instances[2]!.url, `/tasks/${listed!.handle}`, 'owner-leaves');
    expect(read.status).toBe(200);
    expect(read.json.task).toMatchObject({ status: 'SUCCEEDED', output: [expect.any(String)] });
    await until(() => settledOf('owner-leaves').length === 1, 'onTaskSettled');
    expect(settledOf('owner-leaves')[0]).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('restarting every instance while tasks run keeps the ledger; the tasks resume and settle once each', async () => {
    const owners = ['owner-r1', 'owner-r2'];
    const handles: string[] = [];
    for (let i = 0; i < 4; i++) {
      const created = await create(cluster.instances[i % 3]!.url, owners[i % 2]!, undefined, {
        seed: longSeed,
      });
      expect(created.status).toBe(202);
      handles.push(created.json.task.handle);
    }
    // Every instance dies at once, mid-task (SIGKILL: nothing is released or finished).
    await Promise.all(cluster.instances.map((instance) => instance.kill()));
    expect(owners.flatMap(settledOf)).toHaveLength(0);
    const restarted = await Promise.all(
      ['express-1b', 'express-2b', 'express-3b'].map((name) => cluster.add(name)),
    );
    cluster.instances.splice(0, 3, ...restarted);
    // Ledger intact: each owner still lists their two tasks, on the new instances.
    for (const owner of owners) expect(await listAll(restarted[1]!.url, owner)).toHaveLength(2);
    // Resumed by the new instances' followers (nobody watches), settled exactly once each.
    await until(() => owners.flatMap(settledOf).length >= 4, 'four settlements', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a few more scans: no repeats
    const settled = owners.flatMap(settledOf);
    expect(settled).toHaveLength(4);
    expect(new Set(settled.map((s) => s.settlementId)).size).toBe(4);
    for (const s of settled) expect(s.status).toBe('SUCCEEDED');
    for (const owner of owners) {
      const tasks = await listAll(restarted[2]!.url, owner);
      expect(tasks.map((task) => task.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    }
    // The handles issued before the restart still work on the new instances.
    for (const [i, handle] of handles.entries()) {
      const read = await get(restarted[i % 3]!.url, `/tasks/${handle}`, owners[i % 2]!);
      expect(read.status).toBe(200);
      expect(read.json.task.status).toBe('SUCCEEDED');
    }
  });

  it('pages through GET /tasks stably while other instances create; another owner sees none of it', async () => {
    const { instances } = cluster;
    const [a, b, c] = instances;
    // Handles are deterministic per record and owner, so the 202's handle is the one the list shows.
    const initial: string[] = [];
    for (let i = 0; i < 7; i++)
      initial.push((await create(instances[i % 3]!.url, 'owner-pages')).json.task.handle);

    // Walk 2 per page on instance a while b and c keep creating for the same owner.
    const creating = Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 40));
        return create((i % 2 ? b : c)!.url, 'owner-pages');
      }),
    );
    creating.catch(() => {}); // awaited below; a failure before that must not be an unhandled rejection
    const walked: ListedTask[] = [];
    let cursor: string | undefined;
    do {
      const query = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await get(a!.url, `/tasks?${query}`, 'owner-pages');
      expect(page.status).toBe(200);
      expect(page.json.tasks.length).toBeLessThanOrEqual(2);
      walked.push(...page.json.tasks);
      cursor = page.json.nextCursor;
      await new Promise((resolve) => setTimeout(resolve, 30));
    } while (cursor);
    expect((await creating).every((answer) => answer.status === 202)).toBe(true);

    // No task twice, newest first, and every task that existed when the walk began is in it.
    const walkedHandles = walked.map((task) => task.handle);
    expect(new Set(walkedHandles).size).toBe(walked.length);
    const times = walked.map((task) => task.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    for (const handle of initial) expect(walkedHandles).toContain(handle);
    const full = await listAll(c!.url, 'owner-pages');
    expect(full).toHaveLength(13);
    expect(full.slice(-7).map((task) => task.handle)).toEqual([...initial].reverse());

    // A cursor from one instance works on another (same secret); altered it is a 400, and so is another
    // owner's use of it; that owner's own list is empty.
    const first = await get(a!.url, '/tasks?limit=3', 'owner-pages');
    const nextCursor = first.json.nextCursor as string;
    const next = await get(b!.url, `/tasks?limit=3&cursor=${encodeURIComponent(nextCursor)}`, 'owner-pages');
    expect(next.status).toBe(200);
    expect(next.json.tasks.map((task: ListedTask) => task.handle)).toEqual(
      full.slice(3, 6).map((t) => t.handle),
    );
    const middle = Math.floor(nextCursor.length / 2);
    const tampered = `${nextCursor.slice(0, middle)}${nextCursor[middle] === 'A' ? 'B' : 'A'}${nextCursor.slice(middle + 1)}`;
    expect((await get(b!.url, `/tasks?cursor=${encodeURIComponent(tampered)}`, 'owner-pages')).status).toBe(
      400,
    );
    expect((await get(b!.url, `/tasks?cursor=${encodeURIComponent(nextCursor)}`, 'owner-other')).status).toBe(
      400,
    );
    expect(await listAll(c!.url, 'owner-other')).toHaveLength(0);
  });
  it('kill -9 of the instance mid-create: after the create timeout the attempt is listed as UNKNOWN', async () => {
    const [a, b] = cluster.instances;
    env.emulator.inject({ kind: 'latency', route: 'create', ms: 5000 });
    const createdBefore = env.emulator.stats.tasksCreated;
    void create(a!.url, 'owner-crash').catch(() => undefined);
    // In flight: the provider has the task (the emulator creates first, then answers late) and the ledger
    // has the CREATING record.
    await until(() => env.emulator.stats.tasksCreated === createdBefore + 1, 'the create upstream');
    await until(async () => (await listAll(b!.url, 'owner-crash')).length === 1, 'the CREATING record');
    await a!.kill();
    const killedAt = Date.now();

    const [listed] = await listAll(b!.url, 'owner-crash');
    expect(listed!.status).toBe('CREATING');
    await until(async () => (await listAll(b!.url, 'owner-crash'))[0]?.status === 'UNKNOWN', 'UNKNOWN', 5000);
    const [unknown] = await listAll(b!.url, 'owner-crash');
    expect(Date.now() - killedAt).toBeLessThan(maxCreateMs + 3000);
    expect(unknown!.reason).toMatch(/may have been created/);
    // Never listed as nothing; the UNKNOWN attempt's handle reads as UNKNOWN too, on any instance.
    const read = await get(cluster.instances[2]!.url, `/tasks/${unknown!.handle}`, 'owner-crash');
    expect(read.status).toBe(200);
    expect(read.json.task.status).toBe('UNKNOWN');
  });
});
