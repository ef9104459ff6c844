// A Next.js 16 App Router app using @actkit/next (the catch-all route) and @actkit/react (a client page),
// installed from the tarballs, built with `next build` (which type-checks it with the project's TypeScript)
// and started with `next start` against the emulator, then driven over HTTP: the page, the contract (POST,
// GET until SUCCEEDED, the event stream) and a 401.
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerProject, createConsumerProject } from '../src/consumer-project.ts';
import { typescriptVersion, typesNodeVersion } from '../src/consumer-tsconfig.ts';
import { createAndFollow, postTask } from '../src/contract-calls.ts';
import { type RunningEmulator, startEmulatorBin } from '../src/start-emulator.ts';
import { type RunningProcess, startProcess } from '../src/start-process.ts';

const next = '16.4.6';
const react = '19.3.1';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a Next.js app using @actkit/next and @actkit/react', () => {
  let project: ConsumerProject;
  let emulator: RunningEmulator;
  let server: RunningProcess;
  let origin: string;

  beforeAll(async () => {
    project = await createConsumerProject({
      name: 'next',
      actkit: ['@actkit/core', '@actkit/next', '@actkit/react', '@actkit/emulator'],
      dependencies: { next, react, 'react-dom': react },
      devDependencies: {
        typescript: typescriptVersion,
        '@types/node': typesNodeVersion,
        '@types/react': '19.3.0',
        '@types/react-dom': '19.3.0',
      },
      source: 'next',
    });
    console.info(`next consumer installed in ${project.installMs} ms`);
    const env = { NEXT_TELEMETRY_DISABLED: '1' };
    const built = await project.bin('next', ['build'], { timeoutMs: 200_000, env });
    console.info(`next build of the consumer took ${built.ms} ms`);
    emulator = await startEmulatorBin(project.dir, ['--task-ms', '300']);
    const port = await freePort();
    server = await startProcess(
      path.join(project.dir, 'node_modules', '.bin', 'next'),
      ['start', '-p', String(port), '-H', '127.0.0.1'],
      {
        cwd: project.dir,
        env: { ...env, ACTKIT_BASE_URL: emulator.url },
        ready: /Ready in/,
        timeoutMs: 30_000,
      },
    );
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.stop();
    project?.remove();
  });

  it('uses the Next.js it was installed with', async () => {
    const { stdout } = await project.run('node', ['-p', "require('next/package.json').version"]);
    expect(stdout.trim()).toBe(next);
  });

  it('serves the page that uses @actkit/react', async () => {
    const page = await fetch(origin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Generate');
  });

  it('answers POST with 202 and a task handle, then GET with 200 until SUCCEEDED', async () => {
    const { created, last } = await createAndFollow(`${origin}/api/actkit`, 'alice');
    expect(last).toMatchObject({ handle: created.handle, status: 'SUCCEEDED', output: [expect.any(String)] });
    const events = await fetch(`${origin}/api/actkit/tasks/${created.handle}/events`, {
      headers: { 'x-user': 'alice' },
    });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await events.text()).toContain('"status":"SUCCEEDED"');
  });

  it('answers 401 problem+json when authorize finds no owner', async () => {
    const response = await postTask(`${origin}/api/actkit`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
