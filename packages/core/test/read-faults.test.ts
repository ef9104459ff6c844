// Reads are idempotent: they retry transient failures with backoff, honour the provider's Retry-After, and
// turn anything that is not JSON into a typed error.
import { describe, expect, it } from 'vitest';
import { ServerError, UnexpectedResponseError } from '../src/index.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

async function created(options = {}) {
  const emu = await emulator({ taskMs: 300, ...options });
  const client = clientFor(emu);
  const { id } = await client.characterPerformance.create(input());
  return { emu, client, id };
}

describe('retrieve retries transient failures', () => {
  for (const status of [429, 500, 502, 503, 504] as const) {
    it(`${status} → retried`, async () => {
      const { emu, client, id } = await created();
      emu.inject({ kind: 'status', route: 'getTask', status, times: 2 });
      await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ id });
      expect(getCount(emu)).toBe(3);
    });
  }

  it('connection resets (before and after) → retried', async () => {
    const { emu, client, id } = await created();
    emu.inject({ kind: 'reset', route: 'getTask', when: 'before' });
    emu.inject({ kind: 'reset', route: 'getTask', when: 'after' });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ id });
    expect(getCount(emu)).toBe(3);
  });

  it('a request timeout → retried', async () => {
    const { emu, client, id } = await created();
    emu.inject({ kind: 'latency', route: 'getTask', ms: 2000 });
    const started = Date.now();
    await expect(client.tasks.retrieve(id, { timeoutMs: 100 })).resolves.toMatchObject({ id });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(getCount(emu)).toBe(2);
  });

  it('honours Retry-After (seconds)', async () => {
    const { emu, client, id } = await created();
    emu.inject({ kind: 'status', route: 'getTask', status: 429, retryAfter: 1 });
    const started = Date.now();
    await client.tasks.retrieve(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('honours retry-after-ms', async () => {
    const { emu, client, id } = await created();
    emu.inject({ kind: 'status', route: 'getTask', status: 503, retryAfterMs: 300 });
    const started = Date.now();
    await client.tasks.retrieve(id);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
  });

  it('sleeps a Retry-After up to maxRetryAfterMs, then retries', async () => {
    const { emu, id } = await created();
    const client = clientFor(emu, { backoff: { maxRetryAfterMs: 400 } });
    emu.inject({ kind: 'status', route: 'getTask', status: 429, retryAfterMs: 400 });
    const started = Date.now();
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(getCount(emu)).toBe(2);
  });

  it('gives up after maxRetries with a ServerError carrying status and body', async () => {
    const { emu, id } = await created();
    const client = clientFor(emu, { maxRetries: 1 });
    emu.inject({ kind: 'status', route: 'getTask', status: 502, times: 5 });
    const error = await client.tasks.retrieve(id).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.body).toMatchObject({ error: { message: 'bad gateway' } });
    expect(getCount(emu)).toBe(2);
  });
});

describe('non-JSON answers', () => {
  it('an HTML 200 every time → UnexpectedResponseError after the retries, never a SyntaxError', async () => {
    const { emu, client, id } = await created();
    emu.inject({ kind: 'html', route: 'getTask', status: 200, times: 10 });
    const error = await client.tasks.retrieve(id).catch((e) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error.message).toMatch(/HTML page/);
    expect(error.taskId).toBe(id);
    // The client's default maxRetries is 3: one GET and three retries.
    expect(getCount(emu)).toBe(4);
  });

  it('an HTML 502 from a proxy → retried like any 502', async () => {
    const { emu, client, id } = await created();
    emu.inject({ kind: 'html', route: 'getTask' });
    await expect(client.tasks.retrieve(id)).resolves.toMatchObject({ id });
  });

  it('a 301 → UnexpectedResponseError naming the redirect, not followed', async () => {
    const { emu, client, id } = await created();
    emu.inject({ kind: 'redirect', route: 'getTask' });
    const error = await client.tasks.retrieve(id).catch((e) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ status: 301 });
    expect(error.message).toMatch(/redirect \(HTTP 301 to .*\).*baseUrl/);
    expect(getCount(emu)).toBe(1);
  });
});
