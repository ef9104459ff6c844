// A Nest 12 app on @nestjs/platform-fastify using @actkit/nestjs, installed from the tarballs (file-type and
// light-my-request pinned for Node 20 with npm overrides, as the READMEs tell users to), compiled with tsc,
// started on port 0 against the emulator under a global prefix and URI versioning, and driven over HTTP
// (202, 200 until SUCCEEDED, SSE, 401, 413/415 as problem+json); then type-checked (node16 and bundler).
import { afterAll, beforeAll, describe, it } from 'vitest';
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

const nest = '12.5.1';
const nestFastify = '12.5.0';

describe('a Nest app on Fastify using @actkit/nestjs', () => {
  let project: ConsumerProject;
  let emulator: RunningEmulator;
  let server: RunningProcess;
  let base: string;

  beforeAll(async () => {
    project = await createConsumerProject({
      name: 'nest-fastify',
      actkit: ['@actkit/core', '@actkit/nestjs', '@actkit/emulator'],
      dependencies: {
        '@nestjs/common': nest,
        '@nestjs/core': nest,
        '@nestjs/platform-fastify': nestFastify,
        'reflect-metadata': '0.2.2',
        rxjs: '7.8.2',
      },
      devDependencies: { typescript: typescriptVersion, '@types/node': typesNodeVersion },
      overrides: { 'file-type': '21.3.4', 'light-my-request': '6.6.0' },
      source: 'nest-fastify',
      files: consumerTsconfigFiles(['src'], { experimentalDecorators: true, emitDecoratorMetadata: true }),
    });
    console.info(`nest-fastify consumer installed in ${project.installMs} ms`);
    await project.bin('tsc', ['-p', 'tsconfig.build.json']);
    emulator = await startEmulatorBin(project.dir, ['--task-ms', '300']);
    server = await startProcess('node', ['dist/main.js'], {
      cwd: project.dir,
      env: { ACTKIT_BASE_URL: emulator.url },
      ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    });
    base = `${server.match[1]!}/api/v1/actkit`;
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.stop();
    project?.remove();
  });

  it('answers POST with 202 and a task handle, then GET with 200 until SUCCEEDED, and streams events', async () => {
    await expectTaskToSucceedAndStream(base);
  });

  it('answers 401, 413 and 415 as problem+json with no bootstrap line for bodies', async () => {
    await expectBodyProblems(base);
  });

  it.each(resolutions)('type-checks with moduleResolution %s', async (resolution) => {
    await project.bin('tsc', ['-p', `tsconfig.${resolution}.json`]);
  });
});
