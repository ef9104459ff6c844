// onTaskSettled and the background follower, with the emulator upstream: every task settles once whether or
// not anyone watches, across instances sharing a store; a crashed or throwing call is made again with the
// same settlementId; unfinished tasks resume on the next instance; bounded; nothing runs without it.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type TaskSettlement } from '../src/server/index.js';
import { callsOf, json, ledgerSetup, sleep, waitUntil } from './handler-helpers.js';
import { getCount } from './helpers.js';

/** An onTaskSettled that records its calls. */
function recorder() {
  const calls: TaskSettlement[] = [];
  return { calls, onTaskSettled: (settlement: TaskSettlement) => void calls.push(settlement) };
}

// Scans often. The settlement lease stays at its default (5 minutes) unless a test is about it lapsing: a
// lease shorter than a call lets another instance call again (at-least-once), which a loaded machine could
// turn into a false duplicate.
const fast = { scanIntervalMs: 100 };

describe('onTaskSettled', () => {
  it('is called once per task, with nobody watching, with its owner, handle and output', async () => {
    const settled = recorder();
    const setup = await ledgerSetup({ taskMs: 300 }, { ...settled, followTasks: fast });
    const handles = [await setup.start('alice'), await setup.start('alice'), await setup.start('bob')];
    await waitUntil(() => settled.calls.length === 3, 'three settlements');
    await sleep(400); // a few scans later: still three
    expect(settled.calls).toHaveLength(3);
    expect(settled.calls.map((call) => call.handle).sort()).toEqual([...handles].sort());
    for (const call of settled.calls) {
      expect(call.task).toMatchObject({ status: 'SUCCEEDED', output: [expect.stringMatching(/^http/)] });
      expect(call.task.id).toEqual(expect.any(String));
      expect(call.owner).toBe(call.handle === handles[2] ? 'bob' : 'alice');
    }
    expect(new Set(settled.calls.map((call) => call.settlementId)).size).toBe(3);
    for (const record of await setup.store.ledger.list('alice', { limit: 10 })) {
      expect(record.settledAt).toEqual(expect.any(String));
    }
  });

  it('reports FAILED tasks too', async () => {
    const settled = recorder();
    const setup = await ledgerSetup({ taskMs: 200 }, { ...settled, followTasks: fast });
    await setup.start('alice', {
      character: { type: 'image', uri: 'https://assets.example.com/face-fail-moderation.png' },
      reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
    });
    await waitUntil(() => settled.calls.length === 1, 'one settlement');
    expect(settled.calls[0]?.task).toMatchObject({ status: 'FAILED', retryable: false });
  });

  it('two instances sharing a store settle each task exactly once between them', async () => {
    const first = recorder();
    const second = recorder();
    const setup = await ledgerSetup({ taskMs: 300 }, { ...first, followTasks: fast });
    const other = callsOf(setup.instance({ ...second, followTasks: fast }));
    const handles = [
      await setup.start('alice'),
      await other.start('alice'),
      await setup.start('bob'),
      await other.start('bob'),
    ];
    // Watched from both instances too, so both see every end.
    for (const handle of handles.slice(0, 2)) {
      await Promise.all([setup.events('alice', handle), other.events('alice', handle)]);
    }
    await waitUntil(() => first.calls.length + second.calls.length >= 4, 'four settlements');
    await sleep(500);
    const all = [...first.calls, ...second.calls];
    expect(all).toHaveLength(4);
    expect(all.map((call) => call.handle).sort()).toEqual([...handles].sort());
  });

  it('a call whose process died is made again, by another instance, with the same settlementId', async () => {
    const store = createMemoryStore();
    const stuck: TaskSettlement[] = [];
    // The first instance's callback never returns: its process "dies" mid-call (closed below).
    const setup = await ledgerSetup(
      { taskMs: 200 },
      {
        store,
        onTaskSettled: (s) => new Promise(() => void stuck.push(s)),
        followTasks: { ...fast, settlementLeaseMs: 300 },
      },
    );
    await setup.start('alice');
    await waitUntil(() => stuck.length === 1, 'the first call started');
    await setup.handler.close();
    const resumed = recorder();
    setup.instance({ ...resumed, followTasks: { ...fast, settlementLeaseMs: 300 } });
    await waitUntil(() => resumed.calls.length === 1, 'the call was made again');
    expect(resumed.calls[0]?.settlementId).toBe(stuck[0]?.settlementId);
    expect(resumed.calls[0]?.handle).toBe(stuck[0]?.handle);
    expect(resumed.calls[0]?.task.status).toBe('SUCCEEDED');
    await sleep(500);
    expect(resumed.calls).toHaveLength(1);
  });

  it('a callback that throws is reported and called again at a later scan, with the same settlementId', async () => {
    const calls: TaskSettlement[] = [];
    const reported: unknown[] = [];
    const setup = await ledgerSetup(
      { taskMs: 200 },
      {
        onTaskSettled: (settlement) => {
          calls.push(settlement);
          if (calls.length === 1) throw new Error('mail server down');
        },
        onError: (error) => reported.push(error),
        followTasks: fast,
      },
    );
    await setup.start('alice');
    await waitUntil(() => calls.length === 2, 'a second call');
    expect(calls[1]?.settlementId).toBe(calls[0]?.settlementId);
    expect(reported).toContainEqual(expect.objectContaining({ message: 'mail server down' }));
    await sleep(400);
    expect(calls).toHaveLength(2);
  });

  it('tasks left unfinished by a stopped instance are followed and settled by the next one', async () => {
    const store = createMemoryStore();
    // Its tasks are to be settled (it has onTaskSettled), but it follows nothing and stops while they run.
    const setup = await ledgerSetup({ taskMs: 600 }, { store, onTaskSettled: () => {}, followTasks: false });
    const handles = [await setup.start('alice'), await setup.start('bob')];
    await setup.handler.close();
    const next = recorder();
    setup.instance({ ...next, followTasks: fast });
    await waitUntil(() => next.calls.length === 2, 'both settled');
    expect(next.calls.map((call) => call.handle).sort()).toEqual([...handles].sort());
    for (const owner of ['alice', 'bob']) {
      const [record] = await store.ledger.list(owner, { limit: 1 });
      expect(record).toMatchObject({ status: 'SUCCEEDED', settledAt: expect.any(String) });
    }
  });

  it('follows at most maxTasks at once, and still settles them all', async () => {
    const settled = recorder();
    const setup = await ledgerSetup(
      { taskMs: 500 },
      { ...settled, followTasks: { ...fast, scanIntervalMs: 50, maxTasks: 2 } },
    );
    // Created on an instance without a follower, so only the scans pick them up.
    const plain = callsOf(setup.instance({ followTasks: false }));
    for (let i = 0; i < 6; i++) await plain.start(`owner-${i}`);
    let most = 0;
    await waitUntil(
      () => {
        most = Math.max(most, setup.store.watchers.activeLoops());
        return settled.calls.length === 6;
      },
      'six settlements',
      10_000,
    );
    expect(most).toBe(2);
  });
});

describe('without onTaskSettled nothing is followed in the background', () => {
  it('tasks started without onTaskSettled are never settled, even by a later handler that has it', async () => {
    const store = createMemoryStore();
    const setup = await ledgerSetup({ taskMs: 150 }, { store });
    const before = await setup.start('alice');
    // Seen ending by a read, and left running unwatched: neither is for a later onTaskSettled.
    await waitUntil(
      async () => json(await setup.get('alice', before)).task!.status === 'SUCCEEDED',
      'the read saw SUCCEEDED',
    );
    await setup.start('bob');
    expect((await store.ledger.listUnfinished({ limit: 10 })).records).toEqual([]);
    const later = recorder();
    const next = callsOf(setup.instance({ ...later, followTasks: fast }));
    const after = await next.start('carol');
    await waitUntil(() => later.calls.length === 1, 'the new task settled');
    await sleep(400); // several scans
    expect(later.calls.map((call) => call.handle)).toEqual([after]);
  });

  it.each([
    ['no onTaskSettled', {}],
    ['followTasks: false', { onTaskSettled: () => {}, followTasks: false as const }],
  ])('%s: no upstream reads for a task nobody watches', async (_, options) => {
    const setup = await ledgerSetup({ taskMs: 60_000 }, options);
    await setup.start('alice');
    await sleep(300);
    expect(getCount(setup.emu)).toBe(0);
    expect(setup.store.watchers.activeLoops()).toBe(0);
  });

  it('followTasks: false still settles the tasks a read sees end', async () => {
    const settled = recorder();
    const setup = await ledgerSetup({ taskMs: 200 }, { ...settled, followTasks: false });
    const handle = await setup.start('alice');
    await waitUntil(
      async () => json(await setup.get('alice', handle)).task!.status === 'SUCCEEDED',
      'the read saw SUCCEEDED',
    );
    await waitUntil(() => settled.calls.length === 1, 'one settlement');
  });

  it('close() stops the follower: no upstream reads after it', async () => {
    const settled = recorder();
    const setup = await ledgerSetup({ taskMs: 60_000 }, { ...settled, followTasks: fast });
    await setup.start('alice');
    await waitUntil(() => getCount(setup.emu) > 0, 'the follower polls');
    await setup.handler.close();
    await sleep(100);
    const after = getCount(setup.emu);
    await sleep(400);
    expect(getCount(setup.emu)).toBe(after);
    expect(setup.store.watchers.activeLoops()).toBe(0);
  });
});
