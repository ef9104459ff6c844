// Metric: "create throughput, redis store vs memory store". Creates per second through the Express adapter
// (POST /character-performances: validation, both limits, the ledger record before the create, the create,
// the record's update) with the Redis store against the default memory store. autocannon drives the load
// from this process; both apps share one child process (only one is loaded at a time), the emulator (the
// upstream) and redis-server have their own, as they would in production. Rounds rotate the order; medians
// of per-round ratios.
import autocannon from 'autocannon';
import { runChild } from './child.js';
import { spawnEmulator } from './emulator-process.js';
import { mount } from './express-app.js';
import { createBody } from './inputs.js';
import { checked, info, type Metric } from './metric.js';
import { startRedisServer } from './redis-server.js';
import { median } from './stats.js';

export interface CreateThroughputConfig {
  rounds: number;
  seconds: number;
  connections: number;
}

export const defaultConfig: CreateThroughputConfig = { rounds: 3, seconds: 4, connections: 10 };

type Target = 'memory' | 'redis';

export async function measureCreateThroughput(config = defaultConfig): Promise<Metric[]> {
  const [redis, emulator] = await Promise.all([
    startRedisServer(),
    spawnEmulator({ 'task-ms': 3_600_000, concurrency: 100_000 }),
  ]);
  const servers = runChild('./store-servers.ts', [emulator.url, 'memory', `redis:${redis.url}:bench:`]);
  try {
    const [memory, redisApp] = JSON.parse(await servers.firstLine) as string[];
    const urls: Record<Target, string> = { memory: memory!, redis: redisApp! };
    const load = async (target: Target, seconds: number) => {
      const result = await autocannon({
        url: `${urls[target]}${mount}/character-performances`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(createBody),
        connections: config.connections,
        duration: seconds,
      });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${target}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      }
      // Every answered create over the window (a per-second average can be 0 on a starved machine).
      return result.requests.total / seconds;
    };
    const targets: Target[] = ['memory', 'redis'];
    for (const t of targets) await load(t, Math.min(1, config.seconds)); // warm-up: JIT, connections, scripts
    const rps: Record<Target, number[]> = { memory: [], redis: [] };
    for (let round = 0; round < config.rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        rps[target].push(await load(target, config.seconds));
      }
    }
    // A round where the memory store answered nothing says nothing (a starved tiny run): left out.
    const ratio = median(
      rps.redis.flatMap((value, i) => (rps.memory[i]! > 0 ? [value / rps.memory[i]!] : [])),
    );
    const how = `${config.connections} connections, ${config.rounds}×${config.seconds} s each, alternating`;
    return [
      checked('create throughput: redis store vs memory store', ratio, 'x', '>=', 0.5, how),
      ...targets.map((t) => info(`create throughput: ${t} store`, median(rps[t]), 'creates/s')),
    ];
  } finally {
    await servers.kill();
    await Promise.all([emulator.close(), redis.close()]);
  }
}
