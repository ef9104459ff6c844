// Metric 6: "memory per watched task". Watched = one active `client.tasks.watch` loop per task: what the
// server runs per task behind its SSE streams (the registry shares one loop per task among its viewers), so
// it is where 10,000 tasks are followed at once; `wait` is the same loop awaited by one caller. Each loop has
// made its first GET and sleeps until its next one. 10,000 of them in a child process, against long tasks on
// an emulator in another process (its 10,000 task records are not counted). The tasks are created here, not
// in the child, so the child's baseline is a quiet process, not one just out of 10,000 creates. A 60 s poll
// interval keeps every loop in that sleeping state while RSS is read; the default schedule would only add
// requests in flight. RSS and heap after full GCs, before and after.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createActkitClient } from '@actkit/core';
import { runChild } from './child.js';
import { spawnEmulator } from './emulator-process.js';
import { createBody } from './inputs.js';
import { checked, info, type Metric } from './metric.js';

/** Creates `count` tasks, 64 at a time; returns their ids. */
async function createTasks(url: string, count: number): Promise<string[]> {
  const client = createActkitClient({ apiKey: 'bench-key', baseUrl: url });
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++)
      ids[i] = (await client.characterPerformance.create(createBody)).id;
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  return ids;
}

export async function measureMemoryPerTask(tasks = 10_000): Promise<Metric[]> {
  const emulator = await spawnEmulator({ 'task-ms': 3_600_000, concurrency: tasks + 1 });
  const dir = mkdtempSync(path.join(tmpdir(), 'actkit-bench-'));
  const idsFile = path.join(dir, 'ids.json');
  writeFileSync(idsFile, JSON.stringify(await createTasks(emulator.url, tasks + 1)));
  // The young generation pinned at V8's default maximum (16 MB semi-spaces): V8 otherwise resizes it when
  // it sees fit, a jump of up to ~30 MB of RSS unrelated to the number of tasks, in either direction.
  const child = runChild(
    './memory-watch.ts',
    [emulator.url, idsFile],
    ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16'],
  );
  try {
    const m = JSON.parse(await child.firstLine) as Record<
      'rssBefore' | 'rssAfter' | 'heapBefore' | 'heapAfter',
      number
    >;
    const perTask = (a: number, b: number) => (b - a) / tasks;
    return [
      checked(
        'memory per watched task (RSS)',
        perTask(m.rssBefore, m.rssAfter),
        'B',
        '<',
        2048,
        `${tasks} watch loops; RSS ${(m.rssBefore / 2 ** 20).toFixed(1)} → ${(m.rssAfter / 2 ** 20).toFixed(1)} MiB`,
      ),
      info('memory per watched task (JS heap)', perTask(m.heapBefore, m.heapAfter), 'B'),
    ];
  } finally {
    await child.kill();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
