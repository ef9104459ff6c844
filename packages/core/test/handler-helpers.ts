// A handler on the emulator, called directly (no framework), for the ledger and follower tests: create,
// list, read and stream as an owner; every handler made here is closed after the test.
import { afterEach, expect } from 'vitest';
import {
  type ActkitHandler,
  type ActkitHandlerOptions,
  type ActkitRequest,
  type ActkitResponse,
  type ActkitStore,
  createActkitHandler,
  createMemoryStore,
  isEventStream,
} from '../src/server/index.js';
import { clientFor, emulator, input } from './helpers.js';

export const secret = 'ledger-test-secret-0123456789abcdef';
export const authorize = (raw: unknown) => (raw as { user?: string } | undefined)?.user;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const open: ActkitHandler[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((handler) => handler.close()));
});

export function json(response: ActkitResponse): Record<string, unknown> & { task?: BrowserTaskJson } {
  if (isEventStream(response)) throw new Error('expected JSON');
  return response.json as Record<string, unknown>;
}

export interface BrowserTaskJson {
  handle: string;
  status: string;
  progress: number;
  createdAt: string;
  output?: string[];
  reason?: string;
  failure?: string;
}

/** Calls one handler as an owner (the `user` of the raw request). */
export function callsOf(handler: ActkitHandler) {
  const call = (request: Partial<ActkitRequest> & { user: string }) =>
    handler.handle({ method: 'GET', path: '/', headers: {}, raw: { user: request.user }, ...request });
  const post = (user: string, body: unknown = input(), extra: Partial<ActkitRequest> = {}) =>
    call({
      user,
      method: 'POST',
      path: '/character-performances',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...extra,
    });
  return {
    post,
    /** Starts a task; expects 202 and returns its handle. */
    async start(user: string, body: unknown = input()) {
      const created = await post(user, body);
      expect(created.status, JSON.stringify(json(created))).toBe(202);
      return json(created).task!.handle;
    },
    list: (user: string, query = '') => call({ user, path: '/tasks', query }),
    /** The owner's whole list (first page of up to 100). */
    async tasks(user: string, query = '') {
      const answer = await call({ user, path: '/tasks', query: `limit=100${query ? `&${query}` : ''}` });
      expect(answer.status, JSON.stringify(json(answer))).toBe(200);
      return json(answer).tasks as BrowserTaskJson[];
    },
    get: (user: string, handle: string) => call({ user, path: `/tasks/${handle}` }),
    /** Every `data:` event of the handle's stream, until it ends. */
    async events(user: string, handle: string) {
      const response = await call({ user, path: `/tasks/${handle}/events` });
      if (!isEventStream(response)) return { status: response.status, events: [] as BrowserTaskJson[] };
      const events: BrowserTaskJson[] = [];
      for await (const chunk of response.events) {
        if (chunk.startsWith('data: ')) events.push(JSON.parse(chunk.slice(6)));
      }
      return { status: response.status, events };
    },
  };
}

/** The emulator, a memory store (or `store`), and a handler over both. */
export async function ledgerSetup(
  emulatorOptions: Parameters<typeof emulator>[0] = {},
  options: Partial<ActkitHandlerOptions> = {},
) {
  const emu = await emulator({ taskMs: 400, concurrency: 50, ...emulatorOptions });
  const store: ActkitStore = options.store ?? createMemoryStore();
  const client = clientFor(emu, { maxRetries: 0 });
  const instance = (extra: Partial<ActkitHandlerOptions> = {}) => {
    const handler = createActkitHandler({
      client,
      authorize,
      secret,
      pollIntervalMs: 30,
      maxStaleMs: 0,
      limits: { activeTasks: 20, createsPerMinute: 100 },
      ...options,
      store,
      ...extra,
    });
    open.push(handler);
    return handler;
  };
  const handler = instance();
  return { emu, store, client, handler, instance, ...callsOf(handler) };
}

/** Polls `check` every 20 ms until it holds (or fails after `timeoutMs`). */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}
