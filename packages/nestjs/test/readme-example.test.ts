// The README's two examples, run as written: compiled the way a Nest project compiles TypeScript (legacy
// decorators, here without decorator metadata) and started as real node processes against the BUILT
// packages, with the emulator upstream.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultCreateBodyLimitBytes } from '@actkit/core/server';
import { type Emulator, startEmulator } from '@actkit/emulator';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExampleFile } from '../../core/test/readme-example-server.js';
import { validInput } from './nest-app.js';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
// Inside this package, so the examples resolve Nest, express-session and the built @actkit packages.
const workDir = fileURLToPath(new URL('../.readme-example/', import.meta.url));
const apiKey = 'readme-example-key';

/** The first ```ts block after `heading`, compiled to an ES module. */
function exampleAfter(heading: string): string {
  const section = readme.slice(readme.indexOf(heading));
  const source = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!source) throw new Error(`no \`\`\`ts block after "${heading}" in the README`);
  return ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: false,
    },
  }).outputText;
}

let emulator: Emulator;
const children: ChildProcess[] = [];

/** Writes the example to `<name>.mjs`, starts it and resolves its base URL once it listens. */
async function run(name: string, heading: string): Promise<string> {
  writeFileSync(`${workDir}${name}.mjs`, exampleAfter(heading));
  const { child, origin } = await startExampleFile({
    workDir,
    file: `${name}.mjs`,
    env: {
      COMETAPI_KEY: apiKey,
      ACTKIT_BASE_URL: emulator.url,
      SESSION_SECRET: 'readme-example-session-secret-of-32+chars',
    },
  });
  children.push(child);
  return origin;
}

/** Follows a task's events and returns the last one. */
async function lastEvent(url: string, headers: Record<string, string>) {
  const events = await fetch(url, { headers });
  expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const last = (await events.text()).trim().split('\n\n').at(-1)!;
  return JSON.parse(last.replace(/^data: /, ''));
}

beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 300, apiKey }); // answers only the key the examples read
  mkdirSync(workDir, { recursive: true });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await emulator?.close();
  rmSync(workDir, { recursive: true, force: true });
});

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(validInput),
  });

describe('the README', () => {
  it('"Example": forRootAsync + ConfigService + session: 401 before sign-in, then SSE to SUCCEEDED', async () => {
    const base = await run('main', '## Example');
    const url = `${base}/api/actkit/character-performances`;
    expect((await post(url)).status).toBe(401);

    const login = await fetch(`${base}/login`, { method: 'POST' });
    expect(login.status).toBe(204);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = await post(url, { cookie });
    expect(created.status).toBe(202);
    const { task } = (await created.json()) as { task: { handle: string } };
    const last = await lastEvent(`${base}/api/actkit/tasks/${task.handle}/events`, { cookie });
    expect(last).toMatchObject({ status: 'SUCCEEDED', handle: task.handle });
  });

  it('"forRoot": header owner, @InjectActkit() service, ActkitExceptionFilter', async () => {
    const base = await run('for-root', '### `forRoot`');
    const url = `${base}/api/actkit/character-performances`;
    expect((await post(url)).status).toBe(401);
    const created = await post(url, { 'x-user-id': 'gateway-user' });
    expect(created.status).toBe(202);
    const { task } = (await created.json()) as { task: { handle: string } };

    const unknown = await fetch(`${base}/renders/no-such-task`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');

    const last = await lastEvent(`${base}/api/actkit/tasks/${task.handle}/events`, {
      'x-user-id': 'gateway-user',
    });
    expect(last).toMatchObject({ status: 'SUCCEEDED', handle: task.handle });
  });

  it('"On Fastify": global prefix + URI versioning, 413 as problem+json, SSE to SUCCEEDED', async () => {
    const base = await run('fastify', '### On Fastify');
    const url = `${base}/api/v1/actkit/character-performances`;
    expect((await post(url)).status).toBe(401);
    const user = { 'x-user-id': 'gateway-user' };
    const created = await post(url, user);
    expect(created.status).toBe(202);
    const { task } = (await created.json()) as { task: { handle: string } };
    const large = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...user },
      body: JSON.stringify({
        ...validInput,
        // Past the default limit (two 16 MB video data: URIs in base64, plus slack: from the spec).
        character: { type: 'image', uri: `data:image/png;base64,${'A'.repeat(defaultCreateBodyLimitBytes)}` },
      }),
    });
    expect([large.status, large.headers.get('content-type')]).toEqual([
      413,
      'application/problem+json; charset=utf-8',
    ]);
    const last = await lastEvent(`${base}/api/v1/actkit/tasks/${task.handle}/events`, user);
    expect(last).toMatchObject({ status: 'SUCCEEDED', handle: task.handle });
  });
});
