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
import { type RunningEmulator, startEmulatorBin } from './start-emulator.ts';
import { type RunningProcess, startProcess } from './start-process.ts';

export interface ExpressConsumer {
  /** Folder under consumers/. */
  source: string;
  entry: string;
  express: string;
  typesExpress: string;
}

const input = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

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
      const created = await fetch(`${base}/character-performances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'alice' },
        body: JSON.stringify(input),
      });
      expect(created.status).toBe(202);
      const { task } = (await created.json()) as { task: { handle: string; status: string } };
      expect(task).toMatchObject({ handle: expect.any(String), status: expect.any(String), progress: 0 });

      let current: { status: string; output?: string[] } = task;
      for (let i = 0; i < 100 && current.status !== 'SUCCEEDED'; i++) {
        const read = await fetch(`${base}/tasks/${encodeURIComponent(task.handle)}`, {
          headers: { 'x-user': 'alice' },
        });
        expect(read.status).toBe(200);
        current = ((await read.json()) as { task: typeof current }).task;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(current).toMatchObject({
        handle: task.handle,
        status: 'SUCCEEDED',
        output: [expect.any(String)],
      });
    });

    it('answers 401 problem+json when authorize finds no owner', async () => {
      const response = await fetch(`${base}/character-performances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it.each(resolutions)('type-checks with moduleResolution %s', async (resolution) => {
      await project.bin('tsc', ['-p', `tsconfig.${resolution}.json`]);
    });
  });
}
