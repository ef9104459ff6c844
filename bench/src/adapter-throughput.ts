// Metric 4: "adapter throughput". Requests per second for GET /tasks/{handle} through each adapter against
// its own framework's bare handler answering the same JSON: @actkit/express vs bare Express,
// @actkit/fastify vs bare Fastify, @actkit/nestjs vs a bare Nest controller shaped like ours on the same
// platform (Express, then Fastify), @actkit/hono vs a bare Hono route on @hono/node-server. autocannon
// drives the load from this process; each framework's pair (adapter and bare) has a child process of its own
// (as an app runs one framework; only one server is loaded at a time), and the emulator, the upstream, has
// its own, as CometAPI would be elsewhere. Rounds rotate the order; medians of ratios.
import autocannon from 'autocannon';
import { type Child, runChild } from './child.js';
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

const targets = [
  'bare',
  'express',
  'nest',
  'nestBare',
  'fastify',
  'fastifyBare',
  'nestFastify',
  'nestFastifyBare',
  'hono',
  'honoBare',
  'honoBareAsync',
] as const;
type Target = (typeof targets)[number];

export async function measureAdapterThroughput(config = defaultConfig): Promise<Metric[]> {
  const emulator = await spawnEmulator({ 'task-ms': 3_600_000, concurrency: 100 });
  const children: Child[] = [];
  /** Starts one framework's servers in their own process; resolves their URLs by name. */
  const group = async (name: string, body?: string) => {
    const child = runChild('./throughput-servers.ts', [emulator.url, name, ...(body ? [body] : [])]);
    children.push(child);
    return JSON.parse(await child.firstLine) as Partial<Record<Target, string>>;
  };
  try {
    // The task is created through Express; the JSON its GET answers is what every bare server answers.
    const expressUrls = await group('express');
    const handle = await createThroughApp(expressUrls.express!);
    const path = `${mount}/tasks/${handle}`;
    const sample = await fetch(`${expressUrls.express}${path}`);
    if (sample.status !== 200) throw new Error(`GET through express: HTTP ${sample.status}`);
    const body = await sample.text();
    await fetch(`${expressUrls.bare}/body`, { method: 'POST', body });
    const urls = { ...expressUrls } as Record<Target, string>;
    for (const name of ['fastify', 'nest-express', 'nest-fastify', 'hono']) {
      Object.assign(urls, await group(name, body));
    }

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
    const rps = Object.fromEntries(targets.map((t) => [t, [] as number[]])) as Record<Target, number[]>;
    for (let round = 0; round < config.rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        rps[target].push(await load(target, config.seconds));
      }
    }
    /** Median over rounds of `t`'s rate over `base`'s in the same round. */
    const ratio = (t: Target, base: Target = 'bare') => median(rps[t].map((v, i) => v / rps[base][i]!));
    const load_ = `${config.connections} connections, ${config.rounds}×${config.seconds} s each, alternating`;
    return [
      checked('adapter throughput: express vs bare express', ratio('express'), 'x', '>=', 0.8, load_),
      checked('adapter throughput: fastify vs bare fastify', ratio('fastify', 'fastifyBare'), 'x', '>=', 0.8),
      checked(
        'adapter throughput: nest (express platform) vs bare nest controller (express platform)',
        ratio('nest', 'nestBare'),
        'x',
        '>=',
        0.8,
      ),
      checked(
        'adapter throughput: nest (fastify platform) vs bare nest controller (fastify platform)',
        ratio('nestFastify', 'nestFastifyBare'),
        'x',
        '>=',
        0.8,
      ),
      checked('adapter throughput: hono vs bare hono', ratio('hono', 'honoBare'), 'x', '>=', 0.8),
      info(
        'adapter throughput: bare hono, async route vs bare hono',
        ratio('honoBareAsync', 'honoBare'),
        'x',
      ),
      info('adapter throughput: nest vs bare express', ratio('nest'), 'x'),
      info('adapter throughput: bare nest controller vs bare express', ratio('nestBare'), 'x'),
      info('adapter throughput: bare fastify vs bare express', ratio('fastifyBare'), 'x'),
      info('adapter throughput: bare hono vs bare express', ratio('honoBare'), 'x'),
      ...targets.map((t) => info(`adapter throughput: ${t}`, median(rps[t]), 'req/s')),
    ];
  } finally {
    await Promise.all(children.map((child) => child.kill()));
    await emulator.close();
  }
}
