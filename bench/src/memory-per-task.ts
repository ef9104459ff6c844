// Metric 6: "memory per watched task". Watched = one active `client.tasks.watch` loop per task (what the
// server runs per task behind its SSE streams): it has made its first GET and sleeps until the next one.
// 10,000 of them in one process, against long tasks on an emulator in another process (so its 10,000 task
// records are not counted). A 60 s poll interval keeps every loop in that sleeping state while RSS is read;
// the default schedule would only add requests in flight. RSS after full GCs, before and after.
import { runChild } from './child.js';
import { spawnEmulator } from './emulator-process.js';
import { checked, info, type Metric } from './metric.js';

export async function measureMemoryPerTask(tasks = 10_000): Promise<Metric[]> {
  const emulator = await spawnEmulator({ 'task-ms': 3_600_000, concurrency: tasks + 1 });
  const child = runChild('./memory-watch.ts', [emulator.url, String(tasks)], ['--expose-gc']);
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
  }
}
