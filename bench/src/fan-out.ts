// Metric 3: "fan-out". K browsers watching one task through the Express adapter's SSE route should cost the
// provider the GETs of one watcher: the handler shares one upstream loop per task. Real HTTP end to end:
// SSE clients read their streams to the end; the emulator (in this process) counts GETs per task.
import http from 'node:http';
import { createActkitClient } from '@actkit/core';
import { startEmulator } from '@actkit/emulator';
import { createThroughApp, mount, startActkitExpress } from './express-app.js';
import { apiKey } from './inputs.js';
import { checked, info, type Metric } from './metric.js';
import { mean, sleep } from './stats.js';

export interface FanOutConfig {
  watchers: number[];
  /** Tasks per watcher count (all run at once). */
  tasks: number;
  taskMs: number;
  /** Watchers join over this window, as browsers would, not all in the same millisecond. */
  joinSpreadMs: number;
}

export const defaultConfig: FanOutConfig = {
  watchers: [1, 10, 100],
  tasks: 2,
  taskMs: 8000,
  joinSpreadMs: 2000,
};

export async function measureFanOut(config = defaultConfig): Promise<Metric[]> {
  const emulator = await startEmulator({ taskMs: config.taskMs, concurrency: 1000 });
  const client = createActkitClient({ apiKey, baseUrl: emulator.url });
  // Handles are opaque by design; remember the provider id behind each create to read its GET count.
  const createdIds: string[] = [];
  const app = await startActkitExpress({
    ...client,
    characterPerformance: {
      ...client.characterPerformance,
      create: async (input, options) => {
        const created = await client.characterPerformance.create(input, options);
        createdIds.push(created.id);
        return created;
      },
    },
  });
  // Each SSE stream holds its own socket, like separate browsers.
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  try {
    // Sequential creates, so createdIds[k] belongs to the k-th handle.
    const tasks: { watchers: number; handle: string; id: string }[] = [];
    for (const watchers of config.watchers) {
      for (let t = 0; t < config.tasks; t++) {
        const handle = await createThroughApp(app.url);
        tasks.push({ watchers, handle, id: createdIds.at(-1)! });
      }
    }
    // Every configuration at once, so they share the machine's conditions.
    await Promise.all(
      tasks.flatMap(({ watchers, handle }) =>
        Array.from({ length: watchers }, async (_, i) => {
          await sleep((config.joinSpreadMs * i) / watchers);
          const last = await readToEnd(`${app.url}${mount}/tasks/${handle}/events`, agent);
          if (!last.includes('"SUCCEEDED"')) throw new Error(`a watcher missed the end: ${last}`);
        }),
      ),
    );
    const polls = config.watchers.map((w) =>
      mean(tasks.filter((t) => t.watchers === w).map((t) => emulator.task(t.id)!.polls)),
    );
    const base = polls[0]!;
    const metrics = config.watchers.map((w, i) =>
      info(`fan-out: upstream GETs per task, ${w} watcher${w === 1 ? '' : 's'}`, polls[i]!, 'GETs'),
    );
    const most = config.watchers.at(-1)!;
    metrics.push(checked(`fan-out: ${most} watchers vs 1 watcher`, polls.at(-1)! / base, 'x', '<=', 1.2));
    return metrics;
  } finally {
    agent.destroy();
    await app.close();
    await emulator.close();
  }
}

/** Reads an SSE stream until the server ends it; returns the last data event. */
export function readToEnd(
  url: string,
  agent: http.Agent,
  headers: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        let last = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const block of chunk.split('\n\n')) if (block.startsWith('data:')) last = block;
        });
        res.on('end', () => resolve(last));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
