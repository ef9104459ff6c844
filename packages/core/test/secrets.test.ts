// The API key never appears in an error (message, stack, JSON, String) or a log line; the logger sees
// Authorization as `Bearer ***`.
import { describe, expect, it } from 'vitest';
import { ActkitError, type LogLevel, type LogMeta } from '../src/index.js';
import { clientFor, emulator, input, testKey } from './helpers.js';

const secret = 'sk-live-VERY-SECRET-KEY-42';

function expectNoSecret(error: unknown) {
  expect(error).toBeInstanceOf(ActkitError);
  const e = error as ActkitError;
  for (const text of [
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    String(e),
    JSON.stringify(e.body ?? null),
  ]) {
    expect(text).not.toContain(secret);
  }
  if (e.cause instanceof Error) expect(`${e.cause.message}${e.cause.stack}`).not.toContain(secret);
}

describe('the API key stays secret', () => {
  it('in errors and log lines, across auth, server, ambiguous, connection and timeout failures', async () => {
    const emu = await emulator({ apiKey: testKey });
    const lines: { level: LogLevel; message: string; meta?: LogMeta }[] = [];
    const logger = (level: LogLevel, message: string, meta?: LogMeta) => lines.push({ level, message, meta });
    const wrongKey = clientFor(emu, { apiKey: secret, logger });
    expectNoSecret(await wrongKey.characterPerformance.create(input()).catch((e) => e));
    expectNoSecret(await wrongKey.tasks.retrieve('x').catch((e) => e));

    const rightKey = clientFor(emu, { apiKey: testKey, logger });
    emu.inject({ kind: 'status', route: 'create', status: 502, afterCreate: true });
    const ambiguous = await rightKey.characterPerformance.create(input()).catch((e) => e);
    expect(JSON.stringify(ambiguous)).not.toContain(testKey);
    expect(String(ambiguous)).not.toContain(testKey);

    const dead = await emulator();
    const deadClient = clientFor(dead, { apiKey: secret, logger, maxRetries: 1 });
    await dead.close();
    expectNoSecret(await deadClient.tasks.retrieve('x').catch((e) => e));

    emu.inject({ kind: 'latency', route: 'getTask', ms: 1000 });
    expectNoSecret(await wrongKey.tasks.retrieve('x', { timeoutMs: 50 }).catch((e) => e));

    expect(lines.length).toBeGreaterThan(5);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(testKey);
    const firstRequest = lines.find((line) => line.meta?.headers);
    expect((firstRequest?.meta?.headers as Record<string, string> | undefined)?.authorization).toBe(
      'Bearer ***',
    );
  });

  it('a console-like logger gets the levels it implements', async () => {
    const emu = await emulator();
    const debug: string[] = [];
    const warn: string[] = [];
    const client = clientFor(emu, {
      apiKey: secret,
      logger: { debug: (m) => debug.push(m), warn: (m) => warn.push(m) },
    });
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 0 });
    await client.characterPerformance.create(input());
    expect(debug.some((line) => line.startsWith('→ POST'))).toBe(true);
    expect(warn.some((line) => /retrying/.test(line))).toBe(true);
  });
});
