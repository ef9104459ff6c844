// Node users of @actkit/core, ESM and CommonJS, installed from the tarballs into a fresh project, against the
// emulator started from its own tarball's bin; then the same project type-checked (node16 and bundler).
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../../../packages/core/test/media-clips.ts';
import { type ConsumerProject, createConsumerProject } from '../src/consumer-project.ts';
import {
  consumerTsconfigFiles,
  resolutions,
  typescriptVersion,
  typesNodeVersion,
} from '../src/consumer-tsconfig.ts';
import { type RunningEmulator, startEmulatorBin } from '../src/start-emulator.ts';

describe('a Node consumer of @actkit/core and @actkit/emulator', () => {
  let project: ConsumerProject;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    project = await createConsumerProject({
      name: 'node',
      actkit: ['@actkit/core', '@actkit/emulator'],
      devDependencies: { typescript: typescriptVersion, '@types/node': typesNodeVersion },
      source: 'node',
      files: consumerTsconfigFiles(['*.mjs', '*.cjs', '*.mts', '*.cts']),
    });
    console.info(`node consumer installed in ${project.installMs} ms`);
    emulator = await startEmulatorBin(project.dir, ['--task-ms', '300']);
  });
  afterAll(async () => {
    await emulator?.stop();
    project?.remove();
  });

  const runScript = async (file: string, ...args: string[]) => {
    const { stdout } = await project.run('node', [file, ...args], {
      env: { ACTKIT_BASE_URL: emulator.url },
      timeoutMs: 30_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  };

  it.each(['esm', 'cjs'] as const)('creates a task and waits for SUCCEEDED (%s)', async (format) => {
    const printed = await runScript(`create-task.${format === 'esm' ? 'mjs' : 'cjs'}`);
    expect(printed).toEqual({
      format,
      status: 'SUCCEEDED',
      terminal: true,
      output: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)],
    });
  });

  it.each(['esm', 'cjs'] as const)(
    'reads a video data: URI with the installed @actkit/core/media (%s): 2 s refused, 5 s fine',
    async (format) => {
      const script = `check-clip.${format === 'esm' ? 'mjs' : 'cjs'}`;
      const twoSeconds = path.join(project.dir, 'two-seconds.mp4');
      writeFileSync(twoSeconds, await clip(2));
      expect(await runScript(script, twoSeconds)).toEqual({
        format,
        issues: [{ path: 'reference.uri', message: 'is 2.0 s long; the reference clip must be 3–30 s' }],
      });
      const fiveSeconds = path.join(project.dir, 'node_modules/@actkit/emulator/assets/sample.mp4');
      expect(await runScript(script, fiveSeconds)).toEqual({ format, issues: [] });
    },
  );

  it('runs the actkit bin against the built-in emulator and downloads the video (@actkit/core/node)', async () => {
    const { stdout } = await project.bin(
      'actkit',
      [
        'run',
        '--emulator',
        '--emulator-task-ms',
        '300',
        '--character',
        'https://assets.example.com/character.png',
        '--reference',
        'https://assets.example.com/performance.mp4',
        '--out',
        'video.mp4',
      ],
      { timeoutMs: 30_000 },
    );
    const printed = JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: string; file: string };
    expect(printed.status).toBe('SUCCEEDED');
    expect(statSync(path.resolve(project.dir, printed.file)).size).toBeGreaterThan(0);
  });

  it.each(resolutions)('type-checks with moduleResolution %s', async (resolution) => {
    await project.bin('tsc', ['-p', `tsconfig.${resolution}.json`]);
  });
});
