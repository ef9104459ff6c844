// The two ways a consumer's TypeScript resolves our packages: node16 (Node's own rules: `import` vs `require`
// conditions by file format) and bundler (Vite, esbuild, webpack). Each consumer is type-checked under both.
// skipLibCheck is on, as in most apps: checking every .d.ts (node, zod) costs ~10 s per run, and attw already
// checks that our declarations resolve and match the JavaScript.

export type Resolution = 'node16' | 'bundler';
export const resolutions: Resolution[] = ['node16', 'bundler'];

export const typescriptVersion = '5.9.3';
export const typesNodeVersion = '20.19.9';

export function consumerTsconfig(
  resolution: Resolution,
  include: string[],
  extra: Record<string, unknown> = {},
): string {
  const moduleOptions =
    resolution === 'node16'
      ? { module: 'node16', moduleResolution: 'node16' }
      : { module: 'preserve', moduleResolution: 'bundler' };
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM'],
      ...moduleOptions,
      strict: true,
      noEmit: true,
      allowJs: true,
      checkJs: true,
      skipLibCheck: true,
      types: ['node'],
      ...extra,
    },
    include,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Both configs as files: tsconfig.node16.json and tsconfig.bundler.json. */
export function consumerTsconfigFiles(include: string[], extra: Record<string, unknown> = {}) {
  return Object.fromEntries(
    resolutions.map((resolution) => [
      `tsconfig.${resolution}.json`,
      consumerTsconfig(resolution, include, extra),
    ]),
  );
}
