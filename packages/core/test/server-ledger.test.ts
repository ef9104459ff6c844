// The task ledger through the handler, with the emulator upstream: the record is written before the paid
// create and follows every state; ambiguous creates are listed as UNKNOWN, certain failures leave nothing;
// the browser leaving does not abort a create; a store that fails means 503 and no create.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ActkitStore,
  createMemoryStore,
  isEventStream,
  type LedgerRecord,
} from '../src/server/index.js';
import { unknownReasons } from '../src/server/ledger-view.js';
import { callsOf, json, ledgerSetup, sleep, waitUntil } from './handler-helpers.js';
import { createCount, input } from './helpers.js';

/**
 * A memory store whose methods can be made to fail (by name, `ledger.get`, or all of them: `*`), and which
 * logs the order of ledger writes.
 */
function failingStore(inner = createMemoryStore()) {
  const failing = new Set<string>();
  const log: string[] = [];
  const wrap = <T extends object>(part: T, name: string): T =>
    new Proxy(part, {
      get(target, property) {
        const value = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          log.push(`${name}.${String(property)}`);
          if (failing.has('*') || failing.has(`${name}.${String(property)}`)) {
            return Promise.reject(new Error('ECONNREFUSED 10.0.0.9:6379 (store down)'));
          }
          return value.apply(target, args);
        };
      },
    });
  const store: ActkitStore = {
    counters: wrap(inner.counters, 'counters'),
    ledger: wrap(inner.ledger, 'ledger'),
    watchers: inner.watchers,
    tasks: wrap(inner.tasks, 'tasks'),
  };
  return { store, inner, failing, log };
}

describe('the ledger record of a create', () => {
  it('is written before the create is sent, as CREATING, and gets the provider id from the answer', async () => {
    const { store, inner, log } = failingStore();
    const setup = await ledgerSetup({ taskMs: 60_000 }, { store });
    let createsAtInsert = -1;
    const insert = inner.ledger.insert.bind(inner.ledger);
    inner.ledger.insert = async (record) => {
      createsAtInsert = createCount(setup.emu);
      expect(record.status).toBe('CREATING');
      await insert(record);
    };
    setup.emu.inject({ kind: 'latency', route: 'create', ms: 400 });
    const creating = setup.post('alice');
    await waitUntil(async () => (await setup.tasks('alice')).length === 1, 'the attempt is listed');
    expect((await setup.tasks('alice'))[0]).toMatchObject({ status: 'CREATING', progress: 0 });
    const created = json(await creating).task!;
    expect(createsAtInsert).toBe(0);
    expect(log.indexOf('ledger.insert')).toBeGreaterThan(log.indexOf('counters.acquireSlot'));
    const [listed] = await setup.tasks('alice');
    // The same task has the same handle wherever it appears.
    expect(listed).toMatchObject({ handle: created.handle, status: 'PENDING', createdAt: created.createdAt });
  });

  it('keeps data: URIs as media type, size and SHA-256, never the payload', async () => {
    const setup = await ledgerSetup({ taskMs: 60_000 });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452deadbeefcafe', 'hex');
    const payload = png.toString('base64');
    await setup.start('alice', {
      ...input(),
      character: { type: 'image', uri: `data:image/png;base64,${payload}` },
      seed: 42,
    });
    const records = await setup.store.ledger.list('alice', { limit: 10 });
    expect(records).toHaveLength(1);
    const record = records[0] as LedgerRecord;
    expect(record.seed).toBe(42);
    expect((record.input as { character: unknown }).character).toEqual({
      type: 'image',
      uri: {
        mediaType: 'image/png',
        bytes: png.length,
        sha256: createHash('sha256').update(png).digest('hex'),
      },
    });
    expect((record.input as { reference: { uri: string } }).reference.uri).toBe(input().reference.uri);
    expect(JSON.stringify(record)).not.toContain(payload);
  });

  it('a data: URI whose payload is not valid base64 is refused before any record or create', async () => {
    const setup = await ledgerSetup({ taskMs: 60_000 });
    const answer = await setup.post('alice', {
      ...input(),
      character: { type: 'image', uri: 'data:image/png;base64,abcde' },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer)).toContain('character.uri');
    expect(await setup.store.ledger.list('alice', { limit: 1 })).toEqual([]);
    expect(createCount(setup.emu)).toBe(0);
  });

  it('follows every state a read or a stream sees, up to SUCCEEDED with the output', async () => {
    const setup = await ledgerSetup({ taskMs: 300 });
    const read = await setup.start('alice');
    const streamed = await setup.start('alice');
    await waitUntil(
      async () => json(await setup.get('alice', read)).task!.status === 'SUCCEEDED',
      'the read task succeeded',
    );
    const { events } = await setup.events('alice', streamed);
    expect(events.at(-1)?.status).toBe('SUCCEEDED');
    const records = await setup.store.ledger.list('alice', { limit: 10 });
    for (const record of records) {
      expect(record).toMatchObject({
        status: 'SUCCEEDED',
        progress: 1,
        output: [expect.stringMatching(/^http/)],
      });
      expect(record.taskId).toEqual(expect.any(String));
    }
    const listed = await setup.tasks('alice');
    expect(listed.map((task) => task.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(listed.map((task) => task.handle).sort()).toEqual([read, streamed].sort());
  });
});

describe('when the create does not simply succeed', () => {
  it('an ambiguous create (the task may exist) is listed as UNKNOWN with a reason in our words', async () => {
    const setup = await ledgerSetup({ taskMs: 60_000 });
    setup.emu.inject({ kind: 'status', route: 'create', status: 500, afterCreate: true });
    const answer = await setup.post('alice');
    expect(answer.status).toBe(502);
    const [listed] = await setup.tasks('alice');
    expect(listed).toMatchObject({ status: 'UNKNOWN', progress: 0, reason: unknownReasons.notConfirmed });
    expect(listed).not.toHaveProperty('output');
    // Its handle reads and streams the same, and the stream ends after that one event.
    expect(json(await setup.get('alice', listed!.handle)).task).toEqual(listed);
    const stream = await setup.events('alice', listed!.handle);
    expect(stream).toEqual({ status: 200, events: [listed] });
    // Only for its owner.
    expect((await setup.get('mallory', listed!.handle)).status).toBe(404);
    expect(await setup.tasks('mallory')).toEqual([]);
    expect(await setup.tasks('alice', 'status=UNKNOWN')).toEqual([listed]);
  });

  it('an UNKNOWN attempt keeps its active-task slot (its task may be running)', async () => {
    const setup = await ledgerSetup(
      { taskMs: 60_000 },
      { limits: { activeTasks: 1, createsPerMinute: 100 } },
    );
    setup.emu.inject({ kind: 'status', route: 'create', status: 500, afterCreate: true });
    expect((await setup.post('alice')).status).toBe(502);
    const created = createCount(setup.emu);
    expect((await setup.post('alice')).status).toBe(429);
    expect(createCount(setup.emu)).toBe(created);
  });

  it('a create that certainly started nothing leaves no record and gives its slot back', async () => {
    const setup = await ledgerSetup(
      { taskMs: 60_000 },
      { limits: { activeTasks: 1, createsPerMinute: 100 } },
    );
    setup.emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 1 });
    expect((await setup.post('alice')).status).toBe(429);
    expect(await setup.tasks('alice')).toEqual([]);
    expect(await setup.store.counters.listSlots('active:alice')).toEqual([]);
    await setup.start('alice'); // the slot is free
  });

  it('a CREATING record older than maxCreateMs reads as UNKNOWN: its server stopped mid-create', async () => {
    // Two instances share one store; the first is "dying" with its create in flight.
    const setup = await ledgerSetup({ taskMs: 60_000 });
    const survivor = callsOf(setup.instance({ maxCreateMs: 300 }));
    setup.emu.inject({ kind: 'latency', route: 'create', ms: 1200 });
    const inFlight = setup.post('alice');
    await waitUntil(async () => (await survivor.tasks('alice')).length === 1, 'the attempt is listed');
    expect((await survivor.tasks('alice'))[0]?.status).toBe('CREATING');
    expect(await survivor.tasks('alice', 'status=CREATING')).toHaveLength(1);
    await sleep(400);
    const [stale] = await survivor.tasks('alice');
    expect(stale).toMatchObject({ status: 'UNKNOWN', reason: unknownReasons.serverStopped });
    expect(await survivor.tasks('alice', 'status=UNKNOWN')).toEqual([stale]);
    expect(await survivor.tasks('alice', 'status=CREATING')).toEqual([]);
    expect(json(await survivor.get('alice', stale!.handle)).task).toEqual(stale);
    // The first instance's own view (default maxCreateMs) still says CREATING, and once the answer
    // arrives the record has the task.
    expect((await setup.tasks('alice'))[0]?.status).toBe('CREATING');
    expect((await inFlight).status).toBe(202);
    expect((await survivor.tasks('alice'))[0]?.status).toBe('PENDING');
    // The handle listed while CREATING now reads the provider task.
    expect(json(await survivor.get('alice', stale!.handle)).task?.status).toMatch(/PENDING|RUNNING/);
  });

  it("a dead instance's CREATING attempt holds its slot past maxCreateMs as UNKNOWN would, then frees it", async () => {
    const setup = await ledgerSetup(
      { taskMs: 60_000 },
      { maxCreateMs: 1000, limits: { activeTasks: 1, createsPerMinute: 100 } },
    );
    // What an instance killed mid-create leaves: a slot held for an hour and a record still CREATING.
    const stale = (ageMs: number) => {
      const createdAt = new Date(Date.now() - ageMs).toISOString();
      return { recordId: `dead-${ageMs}`, owner: 'alice', createdAt, updatedAt: createdAt };
    };
    const hold = async (ageMs: number) => {
      const record = stale(ageMs);
      await setup.store.ledger.insert({
        ...record,
        status: 'CREATING',
        progress: 0,
        input: {},
        settlementId: `s-${ageMs}`,
      });
      await setup.store.counters.acquireSlot('active:alice', record.recordId, 1, 3_600_000);
    };
    // Past maxCreateMs but within the 5 minutes an UNKNOWN attempt counts: still held.
    await hold(60_000);
    expect((await setup.post('alice')).status).toBe(429);
    await setup.store.counters.releaseSlot('active:alice', 'dead-60000');
    // Past maxCreateMs and those 5 minutes: freed by the next create (after the check's interval).
    await hold(1000 + 300_000 + 1000);
    await sleep(4100);
    await setup.start('alice');
    expect(createCount(setup.emu)).toBe(1);
  }, 15_000);

  it('the browser leaving during the create does not abort it: the task is created and listed', async () => {
    const setup = await ledgerSetup({ taskMs: 300 });
    setup.emu.inject({ kind: 'latency', route: 'create', ms: 500 });
    const leaving = new AbortController();
    setTimeout(() => leaving.abort(), 100);
    const answer = await setup.post('alice', input(), { signal: leaving.signal });
    expect(leaving.signal.aborted).toBe(true);
    expect(answer.status).toBe(202);
    expect(setup.emu.stats.tasksCreated).toBe(1);
    const [listed] = await setup.tasks('alice');
    expect(listed?.handle).toBe(json(answer).task!.handle);
    await waitUntil(
      async () => json(await setup.get('alice', listed!.handle)).task!.status === 'SUCCEEDED',
      'the task succeeded',
    );
  });
});

describe('a store that cannot answer', () => {
  const down = async (methods: string[], taskMs = 60_000) => {
    const failing = failingStore();
    const reported: unknown[] = [];
    const setup = await ledgerSetup({ taskMs }, { store: failing.store, onError: (e) => reported.push(e) });
    for (const method of methods) failing.failing.add(method);
    return { ...setup, ...failing, reported };
  };

  const expect503 = (answer: Awaited<ReturnType<ReturnType<typeof callsOf>['post']>>) => {
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(json(answer)).toMatchObject({
      type: 'https://actkit.dev/problems/store-unavailable',
      status: 503,
    });
    expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|6379/);
  };

  it.each([
    ['the limit check fails', ['counters.acquireSlot']],
    ['the per-minute window fails', ['counters.hit']],
    ['the ledger write fails', ['ledger.insert']],
  ])('%s → 503 with Retry-After, and no create upstream', async (_, methods) => {
    const setup = await down(methods);
    expect503(await setup.post('alice'));
    expect(setup.emu.stats.requests).toBe(0);
    expect(setup.reported.length).toBeGreaterThan(0);
    // Nothing is held: once the store is back, the owner's slots are free and the create goes through.
    setup.failing.clear();
    expect(await setup.inner.counters.listSlots('active:alice')).toEqual([]);
    await setup.start('alice');
  });

  const createText = /nothing was started/;
  const readText = /this answer needs them/;

  it('GET /tasks and reads of an attempt answer 503 too, saying the answer needs the records', async () => {
    const setup = await down([]);
    setup.emu.inject({ kind: 'status', route: 'create', status: 500, afterCreate: true });
    await setup.post('alice');
    const [unknown] = await setup.tasks('alice');
    setup.failing.add('ledger.list');
    setup.failing.add('ledger.get');
    for (const answer of [
      await setup.list('alice'),
      await setup.get('alice', unknown!.handle),
      await setup.handler.handle({
        method: 'GET',
        path: `/tasks/${unknown!.handle}/events`,
        headers: {},
        raw: { user: 'alice' },
      }),
    ]) {
      expect503(answer);
      expect(json(answer).detail).toMatch(readText);
      expect(json(answer).detail).not.toMatch(createText);
    }
  });

  it('a task with a provider id is still read and followed from upstream; creates still fail closed', async () => {
    const setup = await down([], 600);
    const handle = await setup.start('alice');
    setup.failing.add('*');
    const reportedBefore = setup.reported.length;
    // The state, from the provider: every store call on the way fails and is reported, none answers 503.
    const read = await setup.get('alice', handle);
    expect(read.status).toBe(200);
    expect(json(read).task).toMatchObject({ handle, status: expect.any(String) });
    expect(setup.reported.length).toBeGreaterThan(reportedBefore);
    // Its event stream (its open-stream slot cannot be counted in the store either) runs to the end.
    const followed = await setup.events('alice', handle);
    expect(followed.status).toBe(200);
    expect(followed.events.at(-1)).toMatchObject({ handle, status: 'SUCCEEDED' });
    // A create still needs its record first: 503, and nothing sent upstream.
    const created = createCount(setup.emu);
    const denied = await setup.post('alice');
    expect503(denied);
    expect(json(denied).detail).toMatch(createText);
    expect(createCount(setup.emu)).toBe(created);
    // The store is back: the ledger catches up at the next sighting, and the list answers again.
    setup.failing.clear();
    expect((await setup.get('alice', handle)).status).toBe(200);
    expect((await setup.tasks('alice'))[0]).toMatchObject({ handle, status: 'SUCCEEDED' });
  });

  it('while the store is away, the open-stream limit is counted in the process', async () => {
    const setup = await down([]);
    const handle = await setup.start('alice');
    setup.failing.add('*');
    const handler = setup.instance({ limits: { openStreams: 1 } });
    const stream = (user: string) =>
      handler.handle({ method: 'GET', path: `/tasks/${handle}/events`, headers: {}, raw: { user } });
    const leaving = new AbortController();
    const first = await handler.handle({
      method: 'GET',
      path: `/tasks/${handle}/events`,
      headers: {},
      raw: { user: 'alice' },
      signal: leaving.signal,
    });
    expect(first.status).toBe(200);
    expect((await stream('alice')).status).toBe(429);
    // The first one leaves: its slot (held in the process) is free again.
    leaving.abort();
    const next = await stream('alice');
    expect(next.status).toBe(200);
    if (isEventStream(next)) for await (const _ of next.events) break;
  });
});
