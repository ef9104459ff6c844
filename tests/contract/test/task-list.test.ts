// GET /tasks (the owner's task ledger) over real HTTP, against every adapter in src/adapters.ts, with the
// emulator as the provider: newest first with working handles, cursor pagination stable under concurrent
// creates, 400s naming the bad parameter, owner isolation, and the attempts a plain create would lose (the
// browser leaving mid-create, an ambiguous create) listed all the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapters } from '../src/adapters.js';
import { call, type JsonAnswer } from '../src/http.js';
import { validInput } from '../src/inputs.js';
import { leaks, recordedCount } from '../src/recorder.js';
import { apiKey, providerHost, type Stack, startStack } from '../src/stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(stack: Stack, user: string): Promise<string> {
  const answer = await call(`${stack.url}/character-performances`, { user, body: validInput });
  expect(answer.status, JSON.stringify(answer.json)).toBe(202);
  return answer.json.task.handle;
}

/** Every handle of the owner's list, following nextCursor; `between` runs after each page. */
async function walk(
  stack: Stack,
  user: string,
  limit: number,
  between: () => Promise<void> = async () => {},
) {
  const handles: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const query = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answer = await call(`${stack.url}/tasks?${query}`, { user });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json.tasks.length).toBeLessThanOrEqual(limit);
    handles.push(...answer.json.tasks.map((task: { handle: string }) => task.handle));
    cursor = answer.json.nextCursor;
    if (!cursor) return handles;
    expect(answer.json.tasks).toHaveLength(limit);
    await between();
  }
  throw new Error('the list never ended');
}

function expectBadParameter(answer: JsonAnswer, parameter: string) {
  expect(answer.status).toBe(400);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.json.errors.map((error: { path: string }) => error.path)).toEqual([parameter]);
  // The message reads after the parameter's name (as every field message does); the detail names it once.
  expect(answer.json.errors[0].message).not.toContain(`${parameter} `);
  expect(answer.json.detail).toMatch(new RegExp(`^${parameter} (must|is) `));
}

describe.each(adapters)('$name: GET /tasks', (adapter) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(adapter, {
      emulator: { taskMs: 60_000, concurrency: 200 },
      handler: { limits: { activeTasks: 100, createsPerMinute: 1000 } },
    });
  });
  afterAll(() => stack?.close());

  it("lists the owner's tasks newest first, each with the handle its create answered, which reads", async () => {
    const created = [
      await start(stack, 'lister'),
      await start(stack, 'lister'),
      await start(stack, 'lister'),
    ];
    const answer = await call(`${stack.url}/tasks`, { user: 'lister' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.json).not.toHaveProperty('nextCursor');
    const { tasks } = answer.json;
    expect(tasks.map((task: { handle: string }) => task.handle)).toEqual([...created].reverse());
    for (const task of tasks) {
      expect(task).toMatchObject({ status: 'PENDING', progress: 0, createdAt: expect.any(String) });
      // The seed sent (drawn at random when the input had none) is listed, so a result can be reproduced.
      expect(Object.keys(task).sort()).toEqual(['createdAt', 'handle', 'progress', 'seed', 'status']);
      const read = await call(`${stack.url}/tasks/${task.handle}`, { user: 'lister' });
      expect(read.status).toBe(200);
      expect(read.json.task.handle).toBe(task.handle);
    }
    for (const id of stack.providerIds) expect(JSON.stringify(answer.json)).not.toContain(id);
  });

  it('pages with nextCursor, and a walk is stable under concurrent creates (nothing repeated or skipped)', async () => {
    const before: string[] = [];
    for (let i = 0; i < 7; i++) before.unshift(await start(stack, 'pager'));
    const added: string[] = [];
    const seen = await walk(stack, 'pager', 2, async () => {
      // Two more tasks start (concurrently) while the owner is between pages.
      added.push(...(await Promise.all([start(stack, 'pager'), start(stack, 'pager')])));
    });
    expect(seen).toEqual(before);
    expect(added.length).toBeGreaterThan(0);
    // A fresh walk sees everything, newest first.
    const all = await walk(stack, 'pager', 100);
    expect(all).toHaveLength(before.length + added.length);
    expect(all.slice(added.length)).toEqual(before);
  });

  it('the default page is 20 tasks', async () => {
    await Promise.all(Array.from({ length: 21 }, () => start(stack, 'many')));
    const answer = await call(`${stack.url}/tasks`, { user: 'many' });
    expect(answer.json.tasks).toHaveLength(20);
    expect(answer.json.nextCursor).toEqual(expect.any(String));
  });

  it("another owner's tasks are never listed, and their cursor does not work for anyone else", async () => {
    await start(stack, 'iso-alice');
    await start(stack, 'iso-alice');
    const handle = await start(stack, 'iso-bob');
    const bob = await call(`${stack.url}/tasks`, { user: 'iso-bob' });
    expect(bob.json.tasks.map((task: { handle: string }) => task.handle)).toEqual([handle]);
    expect((await call(`${stack.url}/tasks`, { user: 'iso-nobody' })).json).toEqual({ tasks: [] });
    const alicePage = await call(`${stack.url}/tasks?limit=1`, { user: 'iso-alice' });
    const cursor = alicePage.json.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    expectBadParameter(await call(`${stack.url}/tasks?cursor=${cursor}`, { user: 'iso-bob' }), 'cursor');
    expect((await call(`${stack.url}/tasks?cursor=${cursor}`, { user: 'iso-alice' })).status).toBe(200);
  });

  it('a tampered or forged cursor → 400 naming cursor, with no upstream request', async () => {
    await start(stack, 'tamper');
    await start(stack, 'tamper');
    const { nextCursor } = (await call(`${stack.url}/tasks?limit=1`, { user: 'tamper' })).json;
    const requests = stack.emulator.stats.requests;
    const middle = Math.floor(nextCursor.length / 2);
    const flipped = `${nextCursor.slice(0, middle)}${nextCursor[middle] === 'A' ? 'B' : 'A'}${nextCursor.slice(middle + 1)}`;
    const handle = await call(`${stack.url}/tasks?limit=1`, { user: 'tamper' });
    for (const bad of [
      flipped,
      nextCursor.slice(0, -3),
      `${nextCursor}A`,
      'c1.AAAA',
      'hello',
      handle.json.tasks[0].handle,
      '%zz',
      'a b',
    ]) {
      expectBadParameter(
        await call(`${stack.url}/tasks?cursor=${encodeURIComponent(bad)}`, { user: 'tamper' }),
        'cursor',
      );
    }
    expect(stack.emulator.stats.requests).toBe(requests + 0);
  });

  it.each([
    ['limit', '0'],
    ['limit', '101'],
    ['limit', '-1'],
    ['limit', '2.5'],
    ['limit', 'ten'],
    ['limit', ''],
    ['status', 'DONE'],
    ['status', 'succeeded'],
    ['status', ''],
  ])('%s=%s → 400 naming the parameter', async (parameter, value) => {
    expectBadParameter(await call(`${stack.url}/tasks?${parameter}=${value}`, { user: 'bad' }), parameter);
  });

  it('a parameter given twice → 400 naming it', async () => {
    expectBadParameter(await call(`${stack.url}/tasks?limit=2&limit=3`, { user: 'bad' }), 'limit');
  });

  it('filters by status', async () => {
    await start(stack, 'filter');
    expect((await call(`${stack.url}/tasks?status=PENDING`, { user: 'filter' })).json.tasks).toHaveLength(1);
    expect((await call(`${stack.url}/tasks?status=SUCCEEDED`, { user: 'filter' })).json.tasks).toHaveLength(
      0,
    );
  });

  it('401 without an owner; other methods → 405', async () => {
    expect((await call(`${stack.url}/tasks`)).status).toBe(401);
    const posted = await call(`${stack.url}/tasks`, { user: 'x', body: validInput });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
  });

  it('the browser disconnecting mid-create does not abort it: the task is listed with a working handle', async () => {
    stack.emulator.inject({ kind: 'latency', route: 'create', ms: 700 });
    const created = stack.emulator.stats.tasksCreated;
    const leaving = new AbortController();
    const sent = fetch(`${stack.url}/character-performances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-user': 'leaver' },
      body: JSON.stringify(validInput),
      signal: leaving.signal,
    }).catch((error: unknown) => error);
    await sleep(200);
    leaving.abort();
    expect(await sent).toMatchObject({ name: 'AbortError' });
    let tasks: { handle: string; status: string }[] = [];
    for (let i = 0; i < 100 && tasks[0]?.status !== 'PENDING'; i++) {
      await sleep(50);
      tasks = (await call(`${stack.url}/tasks`, { user: 'leaver' })).json.tasks;
    }
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.status).toBe('PENDING');
    expect(stack.emulator.stats.tasksCreated).toBe(created + 1);
    const read = await call(`${stack.url}/tasks/${tasks[0]!.handle}`, { user: 'leaver' });
    expect(read.status).toBe(200);
    expect(read.json.task.status).toMatch(/PENDING|RUNNING/);
  });

  it('an ambiguous create is listed as UNKNOWN, with a reason and a handle that reads', async () => {
    stack.emulator.inject({ kind: 'status', route: 'create', status: 500, afterCreate: true });
    const answer = await call(`${stack.url}/character-performances`, { user: 'unsure', body: validInput });
    expect(answer.status).toBe(502);
    const { tasks } = (await call(`${stack.url}/tasks`, { user: 'unsure' })).json;
    expect(tasks).toEqual([
      {
        handle: expect.any(String),
        status: 'UNKNOWN',
        progress: 0,
        createdAt: expect.any(String),
        reason: expect.stringMatching(/may have been created/),
        seed: expect.any(Number),
      },
    ]);
    const read = await call(`${stack.url}/tasks/${tasks[0].handle}`, { user: 'unsure' });
    expect(read.json.task).toEqual(tasks[0]);
    expect((await call(`${stack.url}/tasks/${tasks[0].handle}`, { user: 'mallory' })).status).toBe(404);
  });
});

describe('every response of the list suite', () => {
  it('carries neither the API key nor the provider host', () => {
    expect(recordedCount()).toBeGreaterThan(100);
    expect(leaks([apiKey, providerHost])).toEqual([]);
  });
});
