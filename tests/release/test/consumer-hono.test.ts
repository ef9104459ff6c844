// A Hono app using @actkit/hono on @hono/node-server, installed from the tarballs with the Hono we test
// (4.13.19, the lowest of the peer range's minor), started on port 0 against the emulator and driven over
// HTTP; then type-checked (node16 and bundler).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerProject, createConsumerProject } from '../src/consumer-project.ts';
import {
  consumerTsconfigFiles,
  resolutions,
  typescriptVersion,
  typesNodeVersion,
} from '../src/consumer-tsconfig.ts';
import { createAndFollow, postTask } from '../src/contract-calls.ts';
import { type RunningEmulator, startEmulatorBin } from '../src/start-emulator.ts';
import { type RunningProcess, startProcess } from '../src/start-process.ts';

const hono = '4.13.19';

describe('a Hono app using @actkit/hono', () => {
  let project: ConsumerProject;
  let emulator: RunningEmulator;
  let server: RunningProcess;
  let base: string;

  beforeAll(async () => {
    project = await createConsumerProject({
      name: 'hono',
      actkit: ['@actkit/core', '@actkit/hono', '@actkit/emulator'],
      dependencies: { hono, '@hono/node-server': '2.1.8' },
      devDependencies: { typescript: typescriptVersion, '@types/node': typesNodeVersion },
      source: 'hono',
      files: consumerTsconfigFiles(['server.mjs']),
    });
    console.info(`hono consumer installed in ${project.installMs} ms`);
    emulator = await startEmulatorBin(project.dir, ['--task-ms', '300']);
    server = await startProcess('node', ['server.mjs'], {
      cwd: project.dir,
      env: { ACTKIT_BASE_URL: emulator.url },
      ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    });
    base = `${server.match[1]}/api/actkit`;
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.stop();
    project?.remove();
  });

  it('uses the Hono it was installed with', async () => {
    // hono exports no ./package.json: read the installed file.
    const read =
      "JSON.parse(require('node:fs').readFileSync('node_modules/hono/package.json', 'utf8')).version";
    const { stdout } = await project.run('node', ['-p', read]);
    expect(stdout.trim()).toBe(hono);
  });

  it('answers POST with 202 and a task handle, then GET with 200 until SUCCEEDED', async () => {
    const { created, last } = await createAndFollow(base, 'alice');
    expect(last).toMatchObject({ handle: created.handle, status: 'SUCCEEDED', output: [expect.any(String)] });
  });

  it('answers 401 problem+json when authorize finds no owner', async () => {
    const response = await postTask(base);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each(resolutions)('type-checks with moduleResolution %s', async (resolution) => {
    await project.bin('tsc', ['-p', `tsconfig.${resolution}.json`]);
  });
});
