// The pipeline end to end: a change in a (temporary copy of the) spec reaches the generated types and the
// runtime validation without any hand edit.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAssetMedia } from '../src/asset-media.js';
import { zRatio } from '../src/generated/cometapi-runway/zod.gen.js';
import { validateCharacterPerformanceInput } from '../src/validate-input.js';
import { clip, dataUri, MB, padMp4 } from './media-clips.js';

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package so the generated files resolve `zod` like the real ones do.
const workDir = path.join(packageDir, '.codegen-test');
const specFile = path.join(workDir, 'openapi.yaml');
const outDir = path.join(workDir, 'generated');
const NEW_RATIO = '1920:1080';
// The video data: URI cap drops from 16 MB to 1 MB, and the reference clip may be up to 60 s.
const NEW_VIDEO_CAP = 1024 * 1024;
const NEW_MAX_SECONDS = 60;

describe('pnpm generate pipeline', () => {
  beforeAll(async () => {
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    const spec = await readFile(path.join(packageDir, '../../specs/cometapi-runway/openapi.yaml'), 'utf8');
    const changed = spec
      .replace(/enum: \[(["'])1280:720\1/, `enum: ["${NEW_RATIO}", "1280:720"`)
      .replace(/default: (["'])1280:720\1/, `default: "${NEW_RATIO}"`)
      .replace(/maxDecodedBytes: 16777216/, `maxDecodedBytes: ${NEW_VIDEO_CAP}`)
      .replace(/(x-duration-seconds:\s+minimum: 3\s+maximum: )30/, `$1${NEW_MAX_SECONDS}`);
    expect(
      changed.match(new RegExp(`maxDecodedBytes: ${NEW_VIDEO_CAP}|maximum: ${NEW_MAX_SECONDS}`, 'g')),
    ).toHaveLength(2);
    expect(changed).not.toBe(spec);
    await writeFile(specFile, changed);
    await run(process.execPath, ['codegen/generate.mjs', '--spec', specFile, '--out', outDir], {
      cwd: packageDir,
    });
  }, 60_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('the committed schema rejects the new ratio (the change is really new)', () => {
    expect(zRatio.safeParse(NEW_RATIO).success).toBe(false);
  });

  it('puts the new ratio into the generated types, checked by the TypeScript compiler', async () => {
    const types = await readFile(path.join(outDir, 'types.gen.ts'), 'utf8');
    expect(types).toContain(`"${NEW_RATIO}"`);
    const probe = path.join(workDir, 'probe.ts');
    await writeFile(
      probe,
      `import type { components } from './generated/types.gen.js';\n` +
        `export const ok: components['schemas']['Ratio'] = '${NEW_RATIO}';\n`,
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--skipLibCheck',
    ];
    await expect(run(process.execPath, [tsc, ...args, probe])).resolves.toBeDefined();
    await writeFile(
      probe,
      `import type { components } from './generated/types.gen.js';\nexport const bad: components['schemas']['Ratio'] = '1:1';\n`,
    );
    await expect(run(process.execPath, [tsc, ...args, probe])).rejects.toMatchObject({
      stdout: expect.stringMatching(/'"1:1"' is not assignable/),
    });
  }, 60_000);

  it('accepts the new ratio in runtime validation and makes it the default', async () => {
    const zod = await import(pathToFileURL(path.join(outDir, 'zod.gen.ts')).href);
    expect(zod.zRatio.safeParse(NEW_RATIO).success).toBe(true);
    expect(zod.zRatio.safeParse('1:1').success).toBe(false);
    const defaults = await import(pathToFileURL(path.join(outDir, 'defaults.gen.ts')).href);
    expect(defaults.characterPerformanceRequestDefaults.ratio).toBe(NEW_RATIO);
  });

  it('moves asset validation: the video cap and the clip length follow the spec, with no hand edit', async () => {
    // Core's validation sources, bundled with their generated imports pointed at the new generation.
    const entry = path.join(workDir, 'validation-entry.ts');
    await writeFile(
      entry,
      `export { validateCharacterPerformanceInput } from '../src/validate-input.ts';\n` +
        `export { validateAssetMedia } from '../src/asset-media.ts';\n`,
    );
    const bundled = path.join(workDir, 'validation.mjs');
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundled,
      external: ['zod', 'mediabunny'],
      logLevel: 'silent',
      plugins: [
        {
          name: 'new-generation',
          setup(b) {
            b.onResolve({ filter: /generated\/cometapi-runway\/[\w.-]+\.js$/ }, (args) => ({
              path: path.join(outDir, path.basename(args.path).replace(/\.js$/, '.ts')),
            }));
          },
        },
      ],
    });
    const regenerated = await import(pathToFileURL(bundled).href);

    const twoMb = {
      character: { type: 'image', uri: 'https://assets.example.com/face.png' },
      reference: { type: 'video', uri: dataUri('video/mp4', padMp4(await clip(5), 2 * MB)) },
    };
    expect(validateCharacterPerformanceInput(twoMb).ok).toBe(true);
    expect(regenerated.validateCharacterPerformanceInput(twoMb).issues).toEqual([
      {
        path: 'reference.uri',
        message: expect.stringMatching(/^is 2 MB once decoded; a video data: URI may hold at most 1 MB/),
      },
    ]);

    const long = { ...twoMb, reference: { type: 'video', uri: dataUri('video/mp4', await clip(31)) } };
    expect(await validateAssetMedia(long as never)).toHaveLength(1);
    expect(await regenerated.validateAssetMedia(long)).toEqual([]);
    const longer = { ...twoMb, reference: { type: 'video', uri: dataUri('video/mp4', await clip(61)) } };
    expect(await regenerated.validateAssetMedia(longer)).toEqual([
      { path: 'reference.uri', message: 'is 61.0 s long; the reference clip must be 3–60 s' },
    ]);
  }, 120_000);
});
