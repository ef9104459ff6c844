// Metric 4: "adapter throughput". Requests per second for GET /tasks/{handle} through @actkit/express and
// @actkit/nestjs against a bare Express handler answering the same JSON, and through @actkit/hono against a
// bare Hono route answering it (each framework against its own bare handler). autocannon drives the load from
// this process; the servers share a child process (only one is loaded at a time) and the emulator, the
// upstream, has its own, as CometAPI would be elsewhere. Rounds rotate the order; medians of ratios. A bare
// Nest controller answering the fixed body shows how much of the Nest figure is Nest's own.
import autocannon from 'autocannon';
import { runChild } from './child.js';
import { spawnEmulator } from './emulator-process.js';
import { createThroughApp, mount } from './express-app.js';
import { checked, info, type Metric } from './metric.js';
import { median } from './stats.js';

export interface AdapterThroughputConfig {
  rounds: number;
  seconds: number;
  connections: number;
}

export const defaultConfig: AdapterThroughputConfig = { rounds: 3, seconds: 4, connections: 20 };

type Target = 'bare' | 'express' | 'nest' | 'nestBare' | 'hono' | 'honoBare' | 'honoBareAsync';

export async function measureAdapterThroughput(config = defaultConfig): Promise<Metric[]> {
  const emulator = await spawnEmulator({ 'task-ms': 3_600_000, concurrency: 100 });
  const servers = runChild('./throughput-servers.ts', [emulator.url]);
  try {
    const urls = JSON.parse(await servers.firstLine) as Record<Target, string>;
    const handle = await createThroughApp(urls.express);
    const path = `${mount}/tasks/${handle}`;
    const sample = await fetch(`${urls.express}${path}`);
    if (sample.status !== 200) throw new Error(`GET through express: HTTP ${sample.status}`);
    await fetch(`${urls.bare}/body`, { method: 'POST', body: await sample.text() });

    const targets: Target[] = ['bare', 'express', 'nest', 'nestBare', 'hono', 'honoBare', 'honoBareAsync'];
    const load = async (target: Target, seconds: number) => {
      const result = await autocannon({
        url: `${urls[target]}${path}`,
        connections: config.connections,
        duration: seconds,
      });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${target}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      }
      return result.requests.average;
    };
    for (const t of targets) await load(t, Math.min(1, config.seconds)); // warm-up: JIT, connection setup
    const rps: Record<Target, number[]> = {
      bare: [],
      express: [],
      nest: [],
      nestBare: [],
      hono: [],
      honoBare: [],
      honoBareAsync: [],
    };
    for (let round = 0; round < config.rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        rps[target].push(await load(target, config.seconds));
      }
    }
    const ratio = (t: Target, base: Target = 'bare') => median(rps[t].map((v, i) => v / rps[base][i]!));
    const load_ = `${config.connections} connections, ${config.rounds}×${config.seconds} s each, alternating`;
    return [
      checked('adapter throughput: express vs bare express', ratio('express'), 'x', '>=', 0.8, load_),
      checked('adapter throughput: nest vs bare express', ratio('nest'), 'x', '>=', 0.8),
      info('adapter throughput: bare nest controller vs bare express', ratio('nestBare'), 'x'),
      checked('adapter throughput: hono vs bare hono', ratio('hono', 'honoBare'), 'x', '>=', 0.8),
      info(
        'adapter throughput: bare hono, async route vs bare hono',
        ratio('honoBareAsync', 'honoBare'),
        'x',
      ),
      info('adapter throughput: bare hono vs bare express', ratio('honoBare'), 'x'),
      ...targets.map((t) => info(`adapter throughput: ${t}`, median(rps[t]), 'req/s')),
    ];
  } finally {
    await servers.kill();
    await emulator.close();
  }
}
