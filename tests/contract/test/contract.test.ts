// The actkit browser contract, over real HTTP, against every adapter in src/adapters.ts, with the emulator
// as the provider. Every response the suite receives is recorded and scanned for the key and provider host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapters } from '../src/adapters.js';
import { call } from '../src/http.js';
import { invalidInputs, moderatedInput, validInput } from '../src/inputs.js';
import { leaks, recordedCount } from '../src/recorder.js';
import { readEventStream } from '../src/sse.js';
import { apiKey, providerHost, type Stack, startStack } from '../src/stack.js';

const terminal = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const problemType = 'application/problem+json';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a task as `user` and returns its handle. */
async function start(stack: Stack, user: string, body: unknown = validInput): Promise<string> {
  const answer = await call(`${stack.url}/character-performances`, { user, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(202);
  return answer.json.task.handle;
}

/** Reads the task until it is terminal. */
async function untilTerminal(stack: Stack, user: string, handle: string) {
  for (let i = 0; i < 100; i++) {
    const answer = await call(`${stack.url}/tasks/${handle}`, { user });
    expect(answer.status).toBe(200);
    if (terminal.includes(answer.json.task.status)) return answer.json.task;
    await sleep(50);
  }
  throw new Error('task never finished');
}

function expectProblem(answer: { status: number; headers: Headers; json: unknown }, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain(problemType);
  expect(answer.json).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}

describe.each(adapters)('$name', (adapter) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(adapter);
  });
  afterAll(() => stack?.close());

  describe('happy path and failures', () => {
    it('starts a task (202 with a handle, no provider id) and reads it to SUCCEEDED', async () => {
      const created = await call(`${stack.url}/character-performances`, { user: 'alice', body: validInput });
      expect(created.status).toBe(202);
      expect(created.headers.get('content-type')).toContain('application/json');
      const { task } = created.json;
      expect(task).toMatchObject({
        status: 'PENDING',
        progress: 0,
        handle: expect.stringMatching(/^[A-Za-z0-9._~-]+$/),
      });
      expect(Object.keys(task).sort()).toEqual(['createdAt', 'handle', 'progress', 'status']);
      const providerId = stack.providerIds.at(-1)!;
      expect(JSON.stringify(created.json)).not.toContain(providerId);

      const done = await untilTerminal(stack, 'alice', task.handle);
      expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 1, handle: task.handle });
      expect(done.output).toEqual([expect.stringMatching(/^http/)]);
      expect(done).not.toHaveProperty('raw');
      expect(done).not.toHaveProperty('id');
    });

    it('reports a moderated task as FAILED with a SAFETY.INPUT code, not retryable', async () => {
      const handle = await start(stack, 'alice', moderatedInput);
      const done = await untilTerminal(stack, 'alice', handle);
      expect(done).toMatchObject({
        status: 'FAILED',
        failureCode: expect.stringMatching(/^SAFETY\.INPUT\./),
        failure: expect.any(String),
        retryable: false,
      });
    });
  });

  describe('validation: 400 with errors[] and no upstream request', () => {
    it.each(invalidInputs)('$name → errors[] names "$path"', async ({ body, path }) => {
      const before = stack.emulator.stats.requests;
      const answer = await call(`${stack.url}/character-performances`, { user: 'val', body });
      expectProblem(answer, 400);
      expect(answer.json.errors.map((e: { path: string }) => e.path)).toContain(path);
      for (const error of answer.json.errors) expect(error.message).toEqual(expect.any(String));
      expect(stack.emulator.stats.requests).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('malformed JSON → 400 problem, no upstream request', async () => {
      const before = stack.emulator.stats.requests;
      const answer = await call(`${stack.url}/character-performances`, {
        user: 'val',
        body: '{"character":',
      });
      expectProblem(answer, 400);
      expect(stack.emulator.stats.requests).toBe(before);
    });

    it('a non-JSON content type → 415, no upstream request', async () => {
      const before = stack.emulator.stats.requests;
      const answer = await call(`${stack.url}/character-performances`, {
        user: 'val',
        body: JSON.stringify(validInput),
        contentType: 'text/plain',
      });
      expectProblem(answer, 415);
      expect(stack.emulator.stats.requests).toBe(before);
    });

    // Body limits and inline assets (12/17 MB videos, 60 MB bodies, short clips): test/assets.test.ts.
  });

  describe('who may ask', () => {
    it('401 without an owner, on every route, with no upstream request', async () => {
      const handle = await start(stack, 'owner-401');
      const before = stack.emulator.stats.requests;
      expectProblem(await call(`${stack.url}/character-performances`, { body: validInput }), 401);
      expectProblem(await call(`${stack.url}/tasks/${handle}`), 401);
      const events = await readEventStream(`${stack.url}/tasks/${handle}/events`, undefined);
      expect(events.status).toBe(401);
      expect(stack.emulator.stats.requests).toBe(before);
    });

    it('403 when authorize throws { status: 403 }', async () => {
      const handle = await start(stack, 'owner-403');
      expectProblem(
        await call(`${stack.url}/character-performances`, { user: 'forbidden', body: validInput }),
        403,
      );
      expectProblem(await call(`${stack.url}/tasks/${handle}`, { user: 'forbidden' }), 403);
    });

    it("another owner's handle → 404 (read and events)", async () => {
      const handle = await start(stack, 'owner-cross');
      expectProblem(await call(`${stack.url}/tasks/${handle}`, { user: 'mallory' }), 404);
      expect((await readEventStream(`${stack.url}/tasks/${handle}/events`, 'mallory')).status).toBe(404);
    });

    it('forged, altered and truncated handles → 404', async () => {
      const handle = await start(stack, 'owner-forged');
      const middle = Math.floor(handle.length / 2);
      const flipped = handle[middle] === 'A' ? 'B' : 'A';
      const altered = `${handle.slice(0, middle)}${flipped}${handle.slice(middle + 1)}`;
      for (const bad of [
        altered,
        handle.slice(0, -4),
        `v1.${'A'.repeat(60)}`,
        'v2.abc',
        'nothing',
        `${handle}x`,
      ]) {
        expectProblem(await call(`${stack.url}/tasks/${bad}`, { user: 'owner-forged' }), 404);
      }
    });

    it('a raw provider task id → 404', async () => {
      await start(stack, 'owner-raw');
      const providerId = stack.providerIds.at(-1)!;
      expectProblem(await call(`${stack.url}/tasks/${providerId}`, { user: 'owner-raw' }), 404);
      expectProblem(
        await call(`${stack.url}/tasks/${encodeURIComponent(providerId)}/events`, { user: 'owner-raw' }),
        404,
      );
    });

    it('a second instance with the same secret honours the handle; another secret does not', async () => {
      const handle = await start(stack, 'owner-twin');
      const twin = await stack.startInstance();
      const answer = await call(`${twin.url}/tasks/${handle}`, { user: 'owner-twin' });
      expect(answer.status).toBe(200);
      expect(answer.json.task.handle).toBe(handle);
      const stranger = await stack.startInstance({ secret: 'a-completely-different-secret-value' });
      expectProblem(await call(`${stranger.url}/tasks/${handle}`, { user: 'owner-twin' }), 404);
    });
  });

  describe('events (SSE)', () => {
    it('streams every change from the first state at once to a terminal state, with proxy-proof headers', async () => {
      const handle = await start(stack, 'sse');
      const stream = await readEventStream(`${stack.url}/tasks/${handle}/events`, 'sse');
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
      expect(stream.headers.get('connection')).toMatch(/keep-alive/i);
      const tasks = stream.events.map((event) => JSON.parse(event.data));
      expect(tasks.length).toBeGreaterThan(0);
      expect(stream.events[0]!.at).toBeLessThan(1000);
      expect(tasks.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: 1, handle });
      expect(tasks.filter((task) => terminal.includes(task.status))).toHaveLength(1);
      for (let i = 1; i < tasks.length; i++)
        expect(JSON.stringify(tasks[i])).not.toBe(JSON.stringify(tasks[i - 1]));
    });

    it('ends with FAILED for a moderated task', async () => {
      const handle = await start(stack, 'sse', moderatedInput);
      const stream = await readEventStream(`${stack.url}/tasks/${handle}/events`, 'sse');
      expect(JSON.parse(stream.events.at(-1)!.data)).toMatchObject({ status: 'FAILED', retryable: false });
    });

    it('sends `: heartbeat` comments while the task is idle', async () => {
      const beating = await stack.startInstance({ heartbeatMs: 40 });
      const handle = await start(stack, 'sse');
      const stream = await readEventStream(`${beating.url}/tasks/${handle}/events`, 'sse');
      expect(stream.comments).toContain('heartbeat');
      expect(JSON.parse(stream.events.at(-1)!.data).status).toBe('SUCCEEDED');
    });

    it('an already finished task answers its terminal state at once and ends', async () => {
      const handle = await start(stack, 'sse');
      await untilTerminal(stack, 'sse', handle);
      const stream = await readEventStream(`${stack.url}/tasks/${handle}/events`, 'sse');
      expect(stream.events).toHaveLength(1);
      expect(JSON.parse(stream.events[0]!.data).status).toBe('SUCCEEDED');
    });
  });

  describe('limits', () => {
    let limited: Stack;
    beforeAll(async () => {
      limited = await startStack(adapter, {
        // seed 7 finishes at once, anything else takes a minute: active tasks stay active on purpose.
        emulator: { taskMs: (body) => (body.seed === 7 ? 20 : 60_000), concurrency: 50 },
        handler: { limits: { activeTasks: 2, createsPerMinute: 3 } },
      });
    });
    afterAll(() => limited?.close());

    it('too many active tasks → 429 with Retry-After, and no create upstream', async () => {
      await start(limited, 'busy');
      await start(limited, 'busy');
      const created = limited.emulator.stats.tasksCreated;
      const answer = await call(`${limited.url}/character-performances`, { user: 'busy', body: validInput });
      expectProblem(answer, 429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.emulator.stats.tasksCreated).toBe(created);
      // Limits are per owner.
      await start(limited, 'someone-else');
    });

    it('too many creates per minute → 429 with Retry-After (tasks that finished no longer count as active)', async () => {
      const quick = { ...validInput, seed: 7 };
      for (let i = 0; i < 3; i++) {
        await start(limited, 'eager', quick);
        await sleep(60);
      }
      const answer = await call(`${limited.url}/character-performances`, { user: 'eager', body: quick });
      expectProblem(answer, 429);
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });
  });

  describe('fan-out', () => {
    it('25 watchers of one task cost about one upstream polling loop', async () => {
      const fanout = await startStack(adapter, { emulator: { taskMs: 1500 } });
      try {
        const single = await start(fanout, 'fan');
        let before = fanout.upstreamTaskGets();
        await readEventStream(`${fanout.url}/tasks/${single}/events`, 'fan');
        const oneWatcher = fanout.upstreamTaskGets() - before;

        const shared = await start(fanout, 'fan');
        before = fanout.upstreamTaskGets();
        const streams = await Promise.all(
          Array.from({ length: 25 }, () => readEventStream(`${fanout.url}/tasks/${shared}/events`, 'fan')),
        );
        const twentyFive = fanout.upstreamTaskGets() - before;
        for (const stream of streams) expect(JSON.parse(stream.events.at(-1)!.data).status).toBe('SUCCEEDED');
        console.info(
          `[${adapter.name}] fan-out: 1 watcher → ${oneWatcher} upstream GETs, 25 watchers → ${twentyFive}`,
        );
        expect(oneWatcher).toBeGreaterThan(0);
        expect(twentyFive).toBeLessThanOrEqual(oneWatcher * 1.5);
      } finally {
        await fanout.close();
      }
    });

    it('the shared loop stops when the last watcher disconnects', async () => {
      const idle = await startStack(adapter, { emulator: { taskMs: 60_000 } });
      try {
        const handle = await start(idle, 'leaver');
        const leave = new AbortController();
        const watching = Array.from({ length: 5 }, () =>
          readEventStream(`${idle.url}/tasks/${handle}/events`, 'leaver', leave.signal),
        );
        await sleep(300);
        expect(idle.upstreamTaskGets()).toBeGreaterThan(1);
        leave.abort();
        await Promise.all(watching);
        await sleep(100);
        const afterLeaving = idle.upstreamTaskGets();
        await sleep(400);
        expect(idle.upstreamTaskGets()).toBe(afterLeaving);
      } finally {
        await idle.close();
      }
    });
  });
});

describe('every response the suite received', () => {
  it('carries neither the API key nor the provider host', () => {
    expect(recordedCount()).toBeGreaterThan(100);
    expect(leaks([apiKey, providerHost])).toEqual([]);
  });
});
