// One Express consumer, parameterised by Express major: installed from the tarballs with that Express, started
// on port 0 against the emulator, driven over HTTP (POST a task, GET it until it succeeds), then type-checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerProject, createConsumerProject } from './consumer-project.ts';
import {
  consumerTsconfigFiles,
  resolutions,
  typescriptVersion,
  typesNodeVersion,
} from './consumer-tsconfig.ts';
import { createAndFollow, postTask } from './contract-calls.ts';
import { type RunningEmulator, startEmulatorBin } from './start-emulator.ts';
import { type RunningProcess, startProcess } from './start-process.ts';

export interface ExpressConsumer {
  /** Folder under consumers/. */
  source: string;
  entry: string;
  express: string;
  typesExpress: string;
}

export function describeExpressConsumer(consumer: ExpressConsumer): void {
  describe(`an Express ${consumer.express} app using @actkit/express (${consumer.entry})`, () => {
    let project: ConsumerProject;
    let emulator: RunningEmulator;
    let server: RunningProcess;
    let base: string;

    beforeAll(async () => {
      project = await createConsumerProject({
        name: consumer.source,
        actkit: ['@actkit/core', '@actkit/express', '@actkit/emulator'],
        dependencies: { express: consumer.express },
        devDependencies: {
          typescript: typescriptVersion,
          '@types/node': typesNodeVersion,
          '@types/express': consumer.typesExpress,
        },
        source: consumer.source,
        files: consumerTsconfigFiles([consumer.entry]),
      });
      console.info(`${consumer.source} consumer installed in ${project.installMs} ms`);
      emulator = await startEmulatorBin(project.dir, ['--task-ms', '300']);
      server = await startProcess('node', [consumer.entry], {
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

    it('uses the Express it was installed with', async () => {
      const { stdout } = await project.run('node', ['-p', "require('express/package.json').version"]);
      expect(stdout.trim()).toBe(consumer.express);
    });

    it('answers POST with 202 and a task handle, then GET with 200 until SUCCEEDED', async () => {
      const { created, last } = await createAndFollow(base, 'alice');
      expect(last).toMatchObject({
        handle: created.handle,
        status: 'SUCCEEDED',
        output: [expect.any(String)],
      });
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
}
