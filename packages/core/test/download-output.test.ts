// downloadOutput streams a finished task's video from the emulator's output URL, reports progress, and
// never leaves a partial file behind.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActkitError, type SucceededTask } from '../src/index.js';
import { downloadOutput } from '../src/node/index.js';
import { clientFor, emulator, input } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'actkit-'));
  dirs.push(dir);
  return dir;
};

async function finishedTask() {
  const emu = await emulator({ taskMs: 300 });
  const task = await clientFor(emu).characterPerformance.run(input(), { pollIntervalMs: 50 });
  return { emu, task };
}

describe('downloadOutput', () => {
  it('writes the output to a file with progress', async () => {
    const { task } = await finishedTask();
    const file = join(await tempDir(), 'out.mp4');
    const fractions: (number | undefined)[] = [];
    const result = await downloadOutput(task, file, { onProgress: (p) => fractions.push(p.fraction) });
    const bytes = readFileSync(file);
    expect(result).toMatchObject({ path: file, bytes: bytes.length });
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(fractions.at(-1)).toBe(1);
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('writes the output to a WritableStream', async () => {
    const { task } = await finishedTask();
    let total = 0;
    const sink = new WritableStream<Uint8Array>({
      write(chunk) {
        total += chunk.byteLength;
      },
    });
    const result = await downloadOutput(task, sink);
    expect(result.bytes).toBe(total);
    expect(total).toBeGreaterThan(1000);
  });

  it('an expired/missing output is an ActkitError with the status, and no file is left', async () => {
    const { emu, task } = await finishedTask();
    const missing: SucceededTask = { ...task, output: [`${emu.url}/outputs/does-not-exist.mp4`] };
    const file = join(await tempDir(), 'out.mp4');
    const error = await downloadOutput(missing, file).catch((e) => e);
    expect(error).toBeInstanceOf(ActkitError);
    expect(error.status).toBe(404);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.part`)).toBe(false);
  });
});
