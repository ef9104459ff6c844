// `handler.answer`: a repeated GET of a task whose handle and fresh state the process holds is answered
// as it is (no promise), with the same answer `handle` gives; everything else (a first read, another owner,
// a stale or unrecorded state, an async authorize, a store that fails) goes the whole way.
import { describe, expect, it } from 'vitest';
import {
  type ActkitRequest,
  type ActkitResponse,
  type ActkitTaskStateStore,
  createMemoryStore,
  isEventStream,
  isPromiseLike,
} from '../src/server/index.js';
import { json, ledgerSetup, sleep } from './handler-helpers.js';
import { getCount } from './helpers.js';

const get = (user: string, handle: string): ActkitRequest => ({
  method: 'GET',
  path: `/tasks/${handle}`,
  headers: {},
  raw: { user },
});

/** The answer of `answer`, which must not be a promise. */
function now(answer: ActkitResponse | Promise<ActkitResponse>): ActkitResponse {
  expect(isPromiseLike(answer), 'answered without a promise').toBe(false);
  return answer as ActkitResponse;
}

describe('handler.answer', () => {
  it('answers a repeated GET at once, the same as handle', async () => {
    const { handler, start, emu } = await ledgerSetup({ taskMs: 60_000 }, { maxStaleMs: 5_000 });
    const handle = await start('u1');
    const first = handler.answer(get('u1', handle));
    expect(isPromiseLike(first), 'a first read waits (decrypt, upstream)').toBe(true);
    const read = await first;
    const again = now(handler.answer(get('u1', handle)));
    expect(again.status).toBe(200);
    expect(json(again)).toEqual(json(read));
    expect(json(await handler.handle(get('u1', handle)))).toEqual(json(again));
    expect(getCount(emu)).toBe(1);
  });

  it('never answers another owner from what it holds: 404, as the decrypt says', async () => {
    const { handler, start } = await ledgerSetup({ taskMs: 60_000 }, { maxStaleMs: 5_000 });
    const handle = await start('u1');
    await handler.answer(get('u1', handle));
    now(handler.answer(get('u1', handle)));
    const other = handler.answer(get('u2', handle));
    expect(isPromiseLike(other)).toBe(true);
    expect((await other).status).toBe(404);
  });

  it('a state older than maxStaleMs is read upstream again, not answered at once', async () => {
    const { handler, start, emu } = await ledgerSetup({ taskMs: 60_000 }, { maxStaleMs: 50 });
    const handle = await start('u1');
    await handler.answer(get('u1', handle));
    now(handler.answer(get('u1', handle)));
    await sleep(80);
    const later = handler.answer(get('u1', handle));
    expect(isPromiseLike(later)).toBe(true);
    expect((await later).status).toBe(200);
    expect(getCount(emu)).toBe(2);
  });

  it('a state this instance has not written to the ledger yet goes the whole way, which writes it', async () => {
    // Two instances on one store: the other one's event stream leaves SUCCEEDED in the shared task states,
    // which this one has not recorded (its own ledger writes, limit release and onTaskSettled hang on that).
    const { handler, start, instance, store } = await ledgerSetup({ taskMs: 300 }, { maxStaleMs: 60_000 });
    const handle = await start('u1');
    expect(json(await handler.answer(get('u1', handle))).task?.status).not.toBe('SUCCEEDED');
    const other = instance();
    const response = await other.handle({ ...get('u1', handle), path: `/tasks/${handle}/events` });
    if (!isEventStream(response)) throw new Error('expected an event stream');
    for await (const _ of response.events);
    const read = handler.answer(get('u1', handle));
    expect(isPromiseLike(read), 'a state not recorded here is not answered at once').toBe(true);
    expect(json(await read).task?.status).toBe('SUCCEEDED');
    expect((await store.ledger.list('u1', { limit: 10 }))[0]?.status).toBe('SUCCEEDED');
    expect(json(now(handler.answer(get('u1', handle)))).task?.status).toBe('SUCCEEDED');
  });

  it('an async authorize answers through a promise, with the same answer', async () => {
    const { handler, start, instance } = await ledgerSetup({ taskMs: 60_000 }, { maxStaleMs: 5_000 });
    const handle = await start('u1');
    const expected = json(await handler.answer(get('u1', handle)));
    const asyncOwner = instance({
      authorize: async (raw) => (raw as { user: string }).user,
    });
    await asyncOwner.answer(get('u1', handle));
    const answer = asyncOwner.answer(get('u1', handle));
    expect(isPromiseLike(answer)).toBe(true);
    expect(json(await answer)).toEqual(expected);
  });

  it('a store whose peek throws is reported and the read still answers, through get', async () => {
    const errors: unknown[] = [];
    const memory = createMemoryStore();
    const tasks = memory.tasks as ActkitTaskStateStore;
    const store = {
      ...memory,
      tasks: {
        get: tasks.get.bind(tasks),
        set: tasks.set.bind(tasks),
        peek: () => {
          throw new Error('peek broke');
        },
      },
    };
    const { handler, start } = await ledgerSetup(
      { taskMs: 60_000 },
      { maxStaleMs: 5_000, store, onError: (error) => errors.push(error) },
    );
    const handle = await start('u1');
    await handler.answer(get('u1', handle));
    const again = handler.answer(get('u1', handle));
    expect(isPromiseLike(again)).toBe(true);
    expect((await again).status).toBe(200);
    expect(errors.some((error) => String((error as Error).cause ?? error).includes('peek broke'))).toBe(true);
  });

  it('a peek that returns a promise or no entry only costs the shortcut: no 500, no unhandled rejection', async () => {
    // `peek` is optional and synchronous; a store written for `get` alone may make it async (and reject when
    // its backend is down) or hand back something that is not an entry. `get` still answers the read.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const peeks: Array<[string, () => unknown]> = [
        ['an async peek that rejects', () => Promise.reject(new Error('backend down'))],
        ['an async peek that resolves the entry', () => Promise.resolve(undefined)],
        ['an entry without its task', () => ({ readAt: Date.now() })],
        ['a string', () => 'not an entry'],
      ];
      for (const [what, peek] of peeks) {
        const errors: unknown[] = [];
        const memory = createMemoryStore();
        const tasks = memory.tasks as ActkitTaskStateStore;
        const store = {
          ...memory,
          tasks: { get: tasks.get.bind(tasks), set: tasks.set.bind(tasks), peek } as ActkitTaskStateStore,
        };
        const { handler, start } = await ledgerSetup(
          { taskMs: 60_000 },
          { maxStaleMs: 5_000, store, onError: (error) => errors.push(error) },
        );
        const handle = await start('u1');
        const first = await handler.answer(get('u1', handle));
        const again = await handler.answer(get('u1', handle));
        expect(again.status, what).toBe(200);
        expect(json(again), what).toEqual(json(first));
        expect(errors.length, `${what}: reported`).toBeGreaterThan(0);
      }
      await sleep(20); // a rejection nobody handled is reported on a later turn
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('errors thrown on the way become problems, never a throw', async () => {
    const { instance } = await ledgerSetup();
    const handler = instance({
      authorize: () => {
        throw Object.assign(new Error('no'), { status: 403 });
      },
    });
    const answer = handler.answer(get('u1', 'x'));
    expect(isPromiseLike(answer)).toBe(false);
    expect((answer as ActkitResponse).status).toBe(403);
  });
});
