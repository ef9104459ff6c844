// The built CLI (dist/cli.js) spawned as a user would run it, against the emulator on 127.0.0.1.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runwayVersionDefault } from '../src/generated/cometapi-runway/defaults.gen.js';
import { createActkitClient, validateCharacterPerformanceInput } from '../src/index.js';
import { emulator, input } from './helpers.js';
import { cli, runCli } from './run-cli.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const ok = input();
const validated = validateCharacterPerformanceInput(ok);
const runArgs = ['--character', ok.character.uri, '--reference', ok.reference.uri];

describe('actkit CLI', () => {
  beforeAll(() => {
    if (!existsSync(cli))
      throw new Error(`${cli} is missing: run \`pnpm --filter @actkit/core build\` first`);
  });

  it('run: creates, shows progress, downloads; exit 0', async () => {
    const emu = await emulator({ taskMs: 500 });
    const dir = await mkdtemp(join(tmpdir(), 'actkit-cli-'));
    dirs.push(dir);
    const out = join(dir, 'out.mp4');
    const result = await runCli(['run', ...runArgs, '--seed', '7', '--no-body-control', '--out', out], {
      COMETAPI_KEY: 'k',
      ACTKIT_BASE_URL: emu.url,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/SUCCEEDED/);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ status: 'SUCCEEDED', file: out });
    expect(readFileSync(out).length).toBeGreaterThan(1000);
    expect(emu.task(summary.id)?.body).toMatchObject({ seed: 7, bodyControl: false });
    // The seed used is reported on stderr at creation and in the summary.
    expect(summary.seed).toBe(7);
    expect(result.stderr).toContain(`task ${summary.id} created (seed 7)`);
  });

  it('run without --seed reports the random seed it sent, so the result can be reproduced', async () => {
    const emu = await emulator({ taskMs: 300 });
    const dir = await mkdtemp(join(tmpdir(), 'actkit-cli-'));
    dirs.push(dir);
    const result = await runCli(['run', ...runArgs, '--out', join(dir, 'o.mp4')], {
      COMETAPI_KEY: 'k',
      ACTKIT_BASE_URL: emu.url,
    });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    const sent = emu.task(summary.id)?.body.seed;
    expect(typeof sent).toBe('number');
    expect(summary.seed).toBe(sent);
    expect(result.stderr).toContain(`task ${summary.id} created (seed ${sent})`);
  });

  it('task ID: prints the normalised task as JSON; --base-url wins', async () => {
    const emu = await emulator({ taskMs: 300 });
    const create = await fetch(`${emu.url}/runwayml/v1/character_performance`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer k',
        'x-runway-version': runwayVersionDefault,
        'content-type': 'application/json',
      },
      body: JSON.stringify(validated.ok ? validated.value : undefined),
    });
    const { id } = (await create.json()) as { id: string };
    const result = await runCli(['task', id, '--base-url', emu.url], { COMETAPI_KEY: 'k' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      id,
      status: expect.any(String),
      raw: expect.any(Object),
    });
  });

  it('task ID: every call reads the task afresh, so the URLs it prints work after older ones expired', async () => {
    const emu = await emulator({ taskMs: 50, outputTtlMs: 2000 });
    const client = createActkitClient({ apiKey: 'k', baseUrl: emu.url });
    const done = await client.characterPerformance.run(ok, { pollIntervalMs: 20 });
    const first = await runCli(['task', done.id, '--base-url', emu.url], { COMETAPI_KEY: 'k' });
    const firstUrl = (JSON.parse(first.stdout) as { output: string[] }).output[0]!;
    expect(first.stderr).toMatch(/output URLs read just now; they expire at \d{4}-\d\d-\d\dT/);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const second = await runCli(['task', done.id, '--base-url', emu.url], { COMETAPI_KEY: 'k' });
    const secondUrl = (JSON.parse(second.stdout) as { output: string[] }).output[0]!;
    expect((await fetch(firstUrl)).status).toBe(403);
    const video = await fetch(secondUrl);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/nothing is cached/);
    expect(help.stdout).toMatch(/they\s+expire/);
  }, 20_000);

  it('--emulator works with no key', async () => {
    const result = await runCli([
      'run',
      ...runArgs,
      '--emulator',
      '--emulator-task-ms',
      '300',
      '--out',
      join(await mkdtemp(join(tmpdir(), 'actkit-cli-')), 'o.mp4'),
    ]);
    expect(result.stderr).not.toMatch(/needs the @actkit\/emulator/);
    expect(result.code).toBe(0);
  });

  it('a failed task → exit 1 with the failure code', async () => {
    const emu = await emulator({ taskMs: 300 });
    const result = await runCli(
      ['run', '--character', 'https://a.example.com/fail-moderation.png', '--reference', ok.reference.uri],
      {
        COMETAPI_KEY: 'k',
        ACTKIT_BASE_URL: emu.url,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SAFETY\.INPUT\.IMAGE.*retrying will not help/);
  });

  it('usage and validation errors → exit 2, nothing sent', async () => {
    const emu = await emulator();
    const env = { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url };
    expect((await runCli([], env)).code).toBe(2);
    expect((await runCli(['frobnicate'], env)).code).toBe(2);
    expect((await runCli(['run', '--character', ok.character.uri], env)).code).toBe(2);
    const invalid = await runCli(['run', ...runArgs, '--expression-intensity', '9', '--ratio', '1:1'], env);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/expressionIntensity/);
    expect(invalid.stderr).toMatch(/ratio/);
    expect(emu.stats.requests).toBe(0);
  });

  it('no key → exit 2 naming COMETAPI_KEY', async () => {
    const result = await runCli(['task', 'abc', '--base-url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/COMETAPI_KEY/);
  });

  it('API errors → exit 3 (wrong key)', async () => {
    const emu = await emulator({ apiKey: 'right' });
    const auth = await runCli(['task', 'abc'], { COMETAPI_KEY: 'wrong', ACTKIT_BASE_URL: emu.url });
    expect(auth.code).toBe(3);
    expect(auth.stderr).toMatch(/AuthenticationError/);
    expect(auth.stderr).not.toMatch(/wrong/);
  });

  it('a create that may have started the task → exit 4, saying when it was sent and how to look for it', async () => {
    const emu = await emulator({ apiKey: 'right' });
    emu.inject({ kind: 'status', route: 'create', status: 502, afterCreate: true });
    const before = Date.now();
    const ambiguous = await runCli(['run', ...runArgs], { COMETAPI_KEY: 'right', ACTKIT_BASE_URL: emu.url });
    expect(ambiguous.code).toBe(4);
    expect(ambiguous.stderr).toMatch(/the task may exist.*may have been created/);
    const sentAt = /sent at (\S+)\./.exec(ambiguous.stderr)?.[1] ?? '';
    expect(Date.parse(sentAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(sentAt)).toBeLessThanOrEqual(Date.now());
    expect(ambiguous.stderr).toMatch(/dashboard/);
    expect(ambiguous.stderr).toContain('actkit task <id>');
    expect(emu.stats.tasksCreated).toBe(1);
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/4 the task may exist/);
  });

  it.each([
    ['{}', {}],
    ['{ id: "" }', { id: '' }],
    ['a gateway error in a 200', { code: 'fail', message: 'busy', data: null }],
  ])('a 200 create answer without a task id (%s) → exit 4, not 3', async (_, json) => {
    const emu = await emulator();
    emu.inject({ kind: 'reply', route: 'create', json });
    const result = await runCli(['run', ...runArgs], { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/the task may exist.*without a task id/);
    expect(result.stderr).toMatch(/dashboard/);
    expect(emu.stats.requests).toBe(1);
  });

  it('a 429 says how long the provider asks to wait, in seconds', async () => {
    const emu = await emulator();
    // Longer than the client's maxRetryAfterMs (60 s): thrown at once with retryAfterMs.
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 120 });
    const result = await runCli(['run', ...runArgs], { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/RateLimitError/);
    expect(result.stderr).toContain(
      'The provider asks to wait 120 seconds (about 2 minutes) before trying again.',
    );
    emu.inject({ kind: 'status', route: 'getTask', status: 503, retryAfterMs: 61_500 });
    const read = await runCli(['task', 'abc'], { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url });
    expect(read.code).toBe(3);
    expect(read.stderr).toContain('The provider asks to wait 62 seconds before trying again.');
  });

  it('an error after the create names the task to follow', async () => {
    const emu = await emulator({ taskMs: 5000 });
    const result = await runCli(['run', ...runArgs, '--timeout-ms', '300'], {
      COMETAPI_KEY: 'k',
      ACTKIT_BASE_URL: emu.url,
    });
    expect(result.code).toBe(1);
    const id = /task (\S+) created/.exec(result.stderr)?.[1];
    expect(id).toBeDefined();
    expect(result.stderr).toContain(`Follow the task with: actkit task ${id}`);
  });
});
