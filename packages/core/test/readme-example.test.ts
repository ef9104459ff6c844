// The README's quick start runs exactly as written: its code block is transpiled (types stripped only) and
// run with node against the emulator, importing the built package through its own exports.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { emulator } from './helpers.js';

const codeAfter = (file: string, heading: string) => {
  const readme = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
  return new RegExp(`## ${heading}[\\s\\S]*?\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1] ?? '';
};
const examples = [
  { readme: "this package's README", quickStart: codeAfter('../README.md', 'Quick start') },
  { readme: "the repository's README", quickStart: codeAfter('../../../README.md', 'Use the client') },
];

describe.each(examples)('the quick start in $readme', ({ quickStart }) => {
  it('runs as written against the emulator', async () => {
    expect(quickStart).toContain('createActkitClient');
    const emu = await emulator({ taskMs: 500 });
    const { code } = await transform(quickStart, { loader: 'ts', format: 'esm' });
    // Inside the package, so `@actkit/core` resolves to this package's built exports (self-reference).
    const script = fileURLToPath(new URL(`./.readme-example-${process.pid}.mjs`, import.meta.url));
    const cwd = await mkdtemp(join(tmpdir(), 'actkit-readme-'));
    try {
      await writeFile(script, code);
      // Async: the emulator lives in this process and must keep answering while the script runs.
      const result = await promisify(execFile)(process.execPath, [script], {
        cwd,
        env: { ...process.env, COMETAPI_KEY: 'readme-key', ACTKIT_BASE_URL: emu.url },
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/SUCCEEDED 100%/);
      expect(result.stdout).toMatch(/saved out\.mp4/);
      expect(existsSync(join(cwd, 'out.mp4'))).toBe(true);
    } finally {
      await rm(script, { force: true });
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
