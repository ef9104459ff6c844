// Outputs never reach a browser expired: through the handler, with the emulator upstream signing output links
// that die after `outputTtlMs`, a SUCCEEDED task read again after its links ran out is read upstream again
// and answers links that work (downloaded here); links without an expiry live `outputUrlTtlMs`; GET /tasks
// lists a task's links only while they are fresh; an event stream never ends on a stored state whose links
// have expired.
import { describe, expect, it } from 'vitest';
import type { Task } from '../src/index.js';
import {
  type ActkitHandlerOptions,
  type ActkitResponse,
  type ActkitServerClient,
  type BrowserTask,
  createActkitHandler,
  createMemoryStore,
  isEventStream,
} from '../src/server/index.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

const secret = 'output-freshness-test-secret-0123';
const authorize = (raw: unknown) => (raw as { user?: string } | undefined)?.user;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function json(response: ActkitResponse) {
  if (isEventStream(response)) throw new Error('expected JSON');
  return response.json as { task: { status: string; output?: string[]; handle: string } };
}

async function setup(
  emulatorOptions: Parameters<typeof emulator>[0],
  options: Partial<ActkitHandlerOptions> = {},
  wrap: (client: ActkitServerClient) => ActkitServerClient = (client) => client,
) {
  const emu = await emulator({ taskMs: 50, ...emulatorOptions });
  const handler = createActkitHandler({
    client: wrap(clientFor(emu, { maxRetries: 0 })),
    authorize,
    secret,
    pollIntervalMs: 20,
    ...options,
  });
  const call = (path: string) => handler.handle({ method: 'GET', path, headers: {}, raw: { user: 'u1' } });
  const start = async (trigger = '') => {
    const created = await handler.handle({
      method: 'POST',
      path: '/character-performances',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input(trigger)),
      raw: { user: 'u1' },
    });
    expect(created.status).toBe(202);
    return json(created).task.handle;
  };
  /** GETs the task until it ends (SUCCEEDED unless steered); returns that answer's task. */
  const succeeded = async (handle: string) => {
    for (;;) {
      const { task } = json(await call(`/tasks/${handle}`));
      if (task.status === 'SUCCEEDED' || task.status === 'FAILED') return task;
      await sleep(20);
    }
  };
  return { emu, handler, call, start, succeeded, gets: () => getCount(emu) };
}

/** Downloads `url`: its status and content type, and the first bytes' box type for a 200. */
async function download(url: string) {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    box: new TextDecoder().decode(bytes.subarray(4, 8)),
  };
}

describe('GET /tasks/{handle} after the output links expired (emulator outputTtlMs: 2000)', () => {
  it('a task read again 3 s after it SUCCEEDED answers links that work, read upstream once', async () => {
    const { call, start, succeeded, gets } = await setup({ outputTtlMs: 2000 });
    const handle = await start();
    const first = await succeeded(handle);
    // Within the links' life a read costs nothing upstream.
    const reads = gets();
    expect(json(await call(`/tasks/${handle}`)).task.output).toEqual(first.output);
    expect(gets()).toBe(reads);

    await sleep(3000);
    expect((await download(first.output![0]!)).status).toBe(403); // the first link has died
    const again = json(await call(`/tasks/${handle}`)).task;
    expect(again.status).toBe('SUCCEEDED');
    expect(gets()).toBe(reads + 1);
    expect(again.output![0]).not.toBe(first.output![0]);
    expect(await download(again.output![0]!)).toEqual({ status: 200, type: 'video/mp4', box: 'ftyp' });
    // The fresh state is kept: the next read costs nothing.
    await call(`/tasks/${handle}`);
    expect(gets()).toBe(reads + 1);
  }, 15_000);

  it('GET /tasks lists the links only while fresh; the handle read brings fresh ones back', async () => {
    const { call, start, succeeded } = await setup({ outputTtlMs: 2000 });
    const handle = await start();
    const first = await succeeded(handle);
    const listed = async () => (json(await call('/tasks')) as unknown as { tasks: BrowserTask[] }).tasks[0]!;
    expect((await listed()).output).toEqual(first.output);

    await sleep(3000);
    const stale = await listed();
    expect(stale.status).toBe('SUCCEEDED');
    expect(stale).not.toHaveProperty('output');

    const fresh = json(await call(`/tasks/${handle}`)).task;
    expect((await listed()).output).toEqual(fresh.output);
    expect((await download(fresh.output![0]!)).status).toBe(200);
  }, 15_000);

  it('an event stream opened after the links expired sends working ones', async () => {
    const { call, start, succeeded } = await setup({ outputTtlMs: 2000 });
    const handle = await start();
    await succeeded(handle);
    await sleep(3000);
    const stream = await call(`/tasks/${handle}/events`);
    if (!isEventStream(stream)) throw new Error('expected a stream');
    const chunks: string[] = [];
    for await (const chunk of stream.events) chunks.push(chunk);
    const task = JSON.parse(chunks.at(-1)!.replace(/^data: /, '')) as { output: string[] };
    expect((await download(task.output[0]!)).status).toBe(200);
  }, 15_000);
});

describe('links without an expiry of their own', () => {
  /** The emulator's links with their signature cut off: a CDN link that says nothing about its expiry. */
  const unsigned = (client: ActkitServerClient): ActkitServerClient => ({
    ...client,
    tasks: {
      ...client.tasks,
      retrieve: async (id, options) => {
        const task = await client.tasks.retrieve(id, options);
        return task.status === 'SUCCEEDED'
          ? { ...task, output: task.output.map((url) => url.split('?')[0]!) as [string, ...string[]] }
          : task;
      },
    },
  });

  it('are answered for outputUrlTtlMs after they were read, then read upstream again', async () => {
    const { call, start, succeeded, gets } = await setup(
      {},
      { outputUrlTtlMs: 400, maxStaleMs: 100 },
      unsigned,
    );
    const handle = await start();
    await succeeded(handle);
    const reads = gets();
    await call(`/tasks/${handle}`);
    expect(gets()).toBe(reads);
    await sleep(500);
    await call(`/tasks/${handle}`);
    expect(gets()).toBe(reads + 1);
  });

  it('default to 12 hours: a SUCCEEDED task is not read again meanwhile', async () => {
    const { call, start, succeeded, gets } = await setup({}, {}, unsigned);
    const handle = await start();
    await succeeded(handle);
    const reads = gets();
    await sleep(1200); // past maxStaleMs
    for (let i = 0; i < 5; i++) await call(`/tasks/${handle}`);
    expect(gets()).toBe(reads);
  });

  it('a FAILED task has no links: it is never read again', async () => {
    const { call, start, succeeded, gets } = await setup({}, { outputUrlTtlMs: 1, maxStaleMs: 0 });
    const handle = await start('fail-moderation');
    expect((await succeeded(handle)).status).toBe('FAILED');
    const reads = gets();
    await sleep(50);
    for (let i = 0; i < 5; i++) await call(`/tasks/${handle}`);
    expect(gets()).toBe(reads);
  });
});

describe('event streams and stored states', () => {
  it('a stored SUCCEEDED state whose links expired is skipped; the fresh loop ends the stream', async () => {
    // A shared registry may show a late joiner the terminal state it kept; this one does, with old links.
    const store = createMemoryStore();
    const { watchers } = store;
    let kept: Task | undefined;
    store.watchers = {
      ...watchers,
      subscribe(taskId, poll, listener) {
        if (kept) listener({ type: 'task', task: kept });
        return watchers.subscribe(taskId, poll, listener);
      },
    };
    const { call, start, succeeded } = await setup({ outputTtlMs: 2000 }, { store });
    const handle = await start();
    const old = await succeeded(handle);
    await sleep(3000);
    kept = {
      id: 'kept',
      status: 'SUCCEEDED',
      output: old.output as [string, ...string[]],
      createdAt: new Date().toISOString(),
      progress: 1,
      raw: {},
    };
    const stream = await call(`/tasks/${handle}/events`);
    if (!isEventStream(stream)) throw new Error('expected a stream');
    const sent: { output: string[] }[] = [];
    for await (const chunk of stream.events) sent.push(JSON.parse(chunk.replace(/^data: /, '')));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.output).not.toEqual(old.output);
    expect((await download(sent[0]!.output[0]!)).status).toBe(200);
  }, 15_000);
});
