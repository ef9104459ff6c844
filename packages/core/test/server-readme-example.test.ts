// The handler README's onTaskSettled example runs as written: its code block is transpiled (types stripped
// only) and run with node against the emulator, importing the built package through its own exports. A
// short driver appended to it starts a task the way a browser would and nobody watches it: the callback
// alone must save the output before the script ends.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { expect, it } from 'vitest';
import { emulator } from './helpers.js';

const readme = readFileSync(fileURLToPath(new URL('../src/server/README.md', import.meta.url)), 'utf8');
const example = /## `onTaskSettled`[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

// What a browser would do through an adapter: start one task as alice. Then wait (nobody reads the task)
// until the callback has saved a file, and shut down.
const driver = `
const started = await handler.handle({
  method: 'POST',
  path: '/character-performances',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    character: { type: 'image', uri: 'https://assets.example.com/face.png' },
    reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
  }),
  raw: { userId: 'alice' },
});
if (started.status !== 202) throw new Error('create answered ' + started.status);
const { readdir } = await import('node:fs/promises');
for (let i = 0; i < 200 && (await readdir('outputs')).filter((f) => f.endsWith('.mp4')).length === 0; i++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await handler.close();
`;

it('the onTaskSettled example saves the output of a task nobody watched', async () => {
  expect(example).toContain('onTaskSettled');
  expect(example).toContain('downloadOutput');
  const emu = await emulator({ taskMs: 500 });
  const { code } = await transform(`${example}\n${driver}`, { loader: 'ts', format: 'esm' });
  const script = fileURLToPath(new URL(`./.server-readme-example-${process.pid}.mjs`, import.meta.url));
  const cwd = await mkdtemp(join(tmpdir(), 'actkit-server-readme-'));
  try {
    await writeFile(script, code);
    const result = await promisify(execFile)(process.execPath, [script], {
      cwd,
      env: { ...process.env, COMETAPI_KEY: 'readme-key-0123456789abcdef', ACTKIT_BASE_URL: emu.url },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^saved outputs\/[A-Za-z0-9_-]+\.mp4 \(\d+ bytes\) for alice\n$/);
    const files = readdirSync(join(cwd, 'outputs'));
    expect(files).toHaveLength(1);
    expect(statSync(join(cwd, 'outputs', files[0]!)).size).toBeGreaterThan(1000);
    // Nobody read the task: the only upstream reads are the follower's.
    expect(emu.stats.tasksCreated).toBe(1);
  } finally {
    await rm(script, { force: true });
    await rm(cwd, { recursive: true, force: true });
  }
});
