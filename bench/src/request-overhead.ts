// Metric 1: "request overhead vs fetch" / "request overhead vs official sdk".
// The same creates and task reads through our client, raw fetch and @runwayml/sdk, sequentially and 32 in
// flight, over keep-alive (all three use Node's global fetch pool). The emulator runs in a CHILD process, so
// this process's time and CPU are the clients' own; it answers the bare task shape on both route families,
// so every client reads the same bytes. Rounds alternate the clients' order and the result is the median of
// per-round ratios: neighbours in time share the machine's noise (other engineers' tests run here too).
import { createActkitClient } from '@actkit/core';
import RunwayML from '@runwayml/sdk';
import { spawnEmulator } from './emulator-process.js';
import { apiKey, createBody, rawHeaders } from './inputs.js';
import { checked, info, type Metric } from './metric.js';
import { median } from './stats.js';

export interface RequestOverheadConfig {
  /** Creates (and as many reads) per client and mode, split over `rounds`. */
  requests: number;
  rounds: number;
}

export const defaultConfig: RequestOverheadConfig = { requests: 5000, rounds: 10 };

/** One client under test: a create and a read, each resolving with parsed JSON. */
interface Contender {
  name: 'ours' | 'fetch' | 'sdk';
  create(): Promise<unknown>;
  read(): Promise<unknown>;
}

export async function measureRequestOverhead(config = defaultConfig): Promise<Metric[]> {
  const emulator = await spawnEmulator({ shape: 'bare', 'task-ms': 3_600_000 });
  try {
    const contenders = await makeContenders(emulator.url);
    const perRound = Math.max(1, Math.round(config.requests / config.rounds));
    const metrics: Metric[] = [];
    for (const inFlight of [1, 32]) {
      const mode = inFlight === 1 ? 'sequential' : '32 in flight';
      // Warm-up: JIT, connection pool, the emulator's own caches. Not counted.
      for (const c of contenders) await timeBatch(c, Math.min(200, perRound), inFlight);
      const samples: Record<Contender['name'], { wall: number; cpu: number }[]> = {
        ours: [],
        fetch: [],
        sdk: [],
      };
      for (let round = 0; round < config.rounds; round++) {
        // Rotate who goes first so no client always runs on a warmer (or busier) machine.
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
        for (const c of order) samples[c.name].push(await timeBatch(c, perRound, inFlight));
      }
      const ratios = (other: 'fetch' | 'sdk') =>
        median(samples.ours.map((s, i) => s.wall / samples[other][i]!.wall));
      const usPerOp = (name: Contender['name'], key: 'wall' | 'cpu') =>
        (median(samples[name].map((s) => s[key])) / (2 * perRound)) * 1000;
      const detail = (['ours', 'fetch', 'sdk'] as const)
        .map((n) => `${n} ${usPerOp(n, 'wall').toFixed(0)} µs/op (cpu ${usPerOp(n, 'cpu').toFixed(0)})`)
        .join(', ');
      metrics.push(
        checked(`request overhead vs fetch, ${mode}`, ratios('fetch'), 'x', '<=', 1.1, detail),
        checked(`request overhead vs official sdk, ${mode}`, ratios('sdk'), 'x', '<=', 1.0),
        info(`request time per op (ours), ${mode}`, usPerOp('ours', 'wall'), 'µs'),
      );
    }
    return metrics;
  } finally {
    await emulator.close();
  }
}

async function makeContenders(url: string): Promise<Contender[]> {
  const ours = createActkitClient({ apiKey, baseUrl: url });
  const sdk = new RunwayML({ apiKey, baseURL: url });
  const rawCreate = async () => {
    const response = await fetch(`${url}/runwayml/v1/character_performance`, {
      method: 'POST',
      headers: rawHeaders,
      body: JSON.stringify(createBody),
    });
    if (!response.ok) throw new Error(`create: HTTP ${response.status}`);
    return response.json() as Promise<{ id: string }>;
  };
  // Each client reads a task it created itself, through its own route family.
  const oursId = (await ours.characterPerformance.create(createBody)).id;
  const rawId = (await rawCreate()).id;
  const sdkId = (await sdk.characterPerformance.create(createBody)).id;
  return [
    {
      name: 'ours',
      create: () => ours.characterPerformance.create(createBody),
      read: () => ours.tasks.retrieve(oursId),
    },
    {
      name: 'fetch',
      create: rawCreate,
      read: async () => {
        const response = await fetch(`${url}/runwayml/v1/tasks/${rawId}`, { headers: rawHeaders });
        if (!response.ok) throw new Error(`read: HTTP ${response.status}`);
        return response.json();
      },
    },
    {
      name: 'sdk',
      create: () => sdk.characterPerformance.create(createBody),
      read: () => sdk.tasks.retrieve(sdkId),
    },
  ];
}

/** `count` creates then `count` reads, `inFlight` at a time; wall and CPU time of this process, in ms. */
async function timeBatch(c: Contender, count: number, inFlight: number) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const op of [c.create, c.read]) {
    let next = 0;
    const worker = async () => {
      while (next++ < count) await op();
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}
