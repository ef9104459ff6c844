// A React app built with Vite from the @actkit/react tarball: the production build succeeds, and the bundle
// holds our hook but no provider URL and no process.env read (both would mean server code leaked into the
// browser). Then the app is type-checked under node16 and bundler resolution.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerProject, createConsumerProject } from '../src/consumer-project.ts';
import { consumerTsconfigFiles, resolutions, typescriptVersion } from '../src/consumer-tsconfig.ts';

// Vite 8 supports Node ^20.19 (`npm view vite@8.3.8 engines`); engine-strict in the project enforces it.
const versions = {
  vite: '8.3.8',
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
};

describe('a React app built with Vite using @actkit/react', () => {
  let project: ConsumerProject;
  let bundle: string;

  beforeAll(async () => {
    project = await createConsumerProject({
      name: 'react-vite',
      actkit: ['@actkit/react'],
      dependencies: { react: versions.react, 'react-dom': versions['react-dom'] },
      devDependencies: {
        vite: versions.vite,
        typescript: typescriptVersion,
        '@types/react': versions['@types/react'],
        '@types/react-dom': versions['@types/react-dom'],
      },
      source: 'react-vite',
      files: consumerTsconfigFiles(['src'], { jsx: 'react-jsx', types: [] }),
    });
    console.info(`react-vite consumer installed in ${project.installMs} ms`);
    const built = await project.bin('vite', ['build', '--logLevel', 'warn'], { timeoutMs: 120_000 });
    console.info(`vite build took ${built.ms} ms`);
    const assets = path.join(project.dir, 'dist', 'assets');
    bundle = readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(assets, file), 'utf8'))
      .join('\n');
  });
  afterAll(() => project?.remove());

  it('builds a bundle that contains the hook and React', () => {
    expect(bundle).toContain('/character-performances');
    expect(bundle.length).toBeGreaterThan(10_000);
  });

  it('leaks no provider URL and no process.env into the browser bundle', () => {
    expect(bundle).not.toMatch(/cometapi\.com/i);
    expect(bundle).not.toContain('process.env');
  });

  it.each(resolutions)('type-checks with moduleResolution %s', async (resolution) => {
    await project.bin('tsc', ['-p', `tsconfig.${resolution}.json`]);
  });
});
