// A Fastify 5 app in ESM using @actkit/fastify, installed from the tarballs (on Node 20 with light-my-request
// pinned to 6.6.0, as its README tells users to: Fastify 5.12 pulls one that needs Node 22), started on port 0
// against the emulator and driven over HTTP: the contract (202, 200 until SUCCEEDED, SSE, 401, 413/415 as
// problem+json) next to the app's own JSON route; then type-checked (node16 and bundler).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerProject, createConsumerProject } from '../src/consumer-project.ts';
import {
  consumerTsconfigFiles,
  resolutions,
  typescriptVersion,
  typesNodeVersion,
} from '../src/consumer-tsconfig.ts';
import { expectBodyProblems, expectTaskToSucceedAndStream } from '../src/contract-calls.ts';
import { type RunningEmulator, startEmulatorBin } from '../src/start-emulator.ts';
import { type RunningProcess, startProcess } from '../src/start-process.ts';

const fastify = '5.12.8';

describe(`a Fastify ${fastify} app using @actkit/fastify`, () => {
  let project: ConsumerProject;
  let emulator: RunningEmulator;
  let server: RunningProcess;
  let origin: string;
  let base: string;

  beforeAll(async () => {
    project = await createConsumerProject({
      name: 'fastify',
      actkit: ['@actkit/core', '@actkit/fastify', '@actkit/emulator'],
      dependencies: { fastify },
      devDependencies: { typescript: typescriptVersion, '@types/node': typesNodeVersion },
      overrides: { 'light-my-request': '6.6.0' },
      source: 'fastify',
      files: consumerTsconfigFiles(['server.mjs']),
    });
    console.info(`fastify consumer installed in ${project.installMs} ms`);
    emulator = await startEmulatorBin(project.dir, ['--task-ms', '300']);
    server = await startProcess('node', ['server.mjs'], {
      cwd: project.dir,
      env: { ACTKIT_BASE_URL: emulator.url },
      ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    });
    origin = server.match[1]!;
    base = `${origin}/api/actkit`;
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.stop();
    project?.remove();
  });

  it('uses the Fastify it was installed with', async () => {
    const { stdout } = await project.run('node', ['-p', "require('fastify/package.json').version"]);
    expect(stdout.trim()).toBe(fastify);
  });

  it('answers POST with 202 and a task handle, then GET with 200 until SUCCEEDED, and streams events', async () => {
    await expectTaskToSucceedAndStream(base);
  });

  it('answers 401, 413 and 415 as problem+json, and leaves the app’s own JSON route to Fastify', async () => {
    await expectBodyProblems(base);
    const echo = await fetch(`${origin}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await echo.json()).toEqual({ body: { a: 1 } });
  });

  it.each(resolutions)('type-checks with moduleResolution %s', async (resolution) => {
    await project.bin('tsc', ['-p', `tsconfig.${resolution}.json`]);
  });
});
