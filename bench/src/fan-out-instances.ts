// Metric: "fan-out across instances". Three instances (child processes, each an Express app on the Redis
// store) share one Redis; 90 SSE watchers of one task, 30 on each instance, should cost the provider the GETs
// of one watcher: one instance holds the task's lease and polls, the others hear its states over pub/sub.
// The tasks run at once (1 watcher and 90, `tasks` of each), so they share the machine's conditions, and
// both kinds are polled from the same instance (the lone watcher's, where the first of the 90 joins too),
// so a loaded instance's slower cadence does not tilt the ratio. The emulator runs in this process and counts
// GETs per task; the provider ids come from the ledger in Redis.
import http from 'node:http';
import { startEmulator } from '@actkit/emulator';
import { createRedisStore } from '@actkit/redis';
import { runChild } from './child.js';
import { mount } from './express-app.js';
import { readToEnd } from './fan-out.js';
import { createBody } from './inputs.js';
import { checked, info, type Metric } from './metric.js';
import { startRedisServer } from './redis-server.js';
import { mean, sleep } from './stats.js';

export interface FanOutInstancesConfig {
  instances: number;
  /** Watchers of each shared task, spread round-robin over the instances. */
  watchers: number;
  /** Tasks of each kind (1 watcher, `watchers` watchers); GETs are averaged over them. */
  tasks: number;
  taskMs: number;
  /** Watchers join over this window, as browsers would. */
  joinSpreadMs: number;
}

export const defaultConfig: FanOutInstancesConfig = {
  instances: 3,
  watchers: 90,
  tasks: 2,
  taskMs: 8000,
  joinSpreadMs: 2000,
};

export async function measureFanOutInstances(config = defaultConfig): Promise<Metric[]> {
  const [redis, emulator] = await Promise.all([
    startRedisServer(),
    startEmulator({ taskMs: config.taskMs, concurrency: 1000 }),
  ]);
  const keyPrefix = `bench:${Date.now()}:`;
  const children = Array.from({ length: config.instances }, () =>
    runChild('./store-servers.ts', [emulator.url, `redis:${redis.url}:${keyPrefix}`]),
  );
  // Only reads the results: a generous wait, so a starved machine (CI's tiny run) cannot fail the bench here.
  const ledger = createRedisStore({ url: redis.url }, { keyPrefix, operationTimeoutMs: 10_000 });
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  try {
    const urls = await Promise.all(
      children.map(async (child) => JSON.parse(await child.firstLine)[0] as string),
    );
    const lone = Array.from({ length: config.tasks }, (_, t) => `bench-lone-${t}`);
    const shared = Array.from({ length: config.tasks }, (_, t) => `bench-shared-${t}`);
    const handles = new Map<string, string>();
    for (const owner of [...lone, ...shared]) handles.set(owner, await create(urls[0]!, owner));
    const events = (owner: string, i: number) =>
      `${urls[i % urls.length]}${mount}/tasks/${handles.get(owner)}/events`;
    await Promise.all([
      ...lone.map((owner) => watchToEnd(events(owner, 0), owner, agent)),
      ...shared.flatMap((owner) =>
        Array.from({ length: config.watchers }, async (_, i) => {
          await sleep((config.joinSpreadMs * i) / config.watchers);
          await watchToEnd(events(owner, i), owner, agent);
        }),
      ),
    ]);
    const polls = async (owners: string[]) =>
      mean(
        await Promise.all(
          owners.map(async (owner) => {
            const [record] = await ledger.ledger.list(owner, { limit: 1 });
            return emulator.task(record!.taskId!)!.polls;
          }),
        ),
      );
    const single = await polls(lone);
    const many = await polls(shared);
    const label = `${config.watchers} watchers on ${config.instances} instances`;
    return [
      info('fan-out across instances: upstream GETs per task, 1 watcher', single, 'GETs'),
      info(`fan-out across instances: upstream GETs per task, ${label}`, many, 'GETs'),
      checked(
        `fan-out across instances: ${label} vs 1 watcher`,
        many / single,
        'x',
        '<=',
        1.2,
        `${config.tasks} tasks of each, ${config.taskMs / 1000} s each, all at once`,
      ),
    ];
  } finally {
    agent.destroy();
    await Promise.all(children.map((child) => child.kill()));
    await ledger.close();
    await Promise.all([emulator.close(), redis.close()]);
  }
}

async function create(appUrl: string, owner: string): Promise<string> {
  const response = await fetch(`${appUrl}${mount}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bench-owner': owner },
    body: JSON.stringify(createBody),
  });
  if (response.status !== 202) throw new Error(`create through the app: HTTP ${response.status}`);
  return ((await response.json()) as { task: { handle: string } }).task.handle;
}

/** Reads an SSE stream to its end as `owner`; fails unless the last event is SUCCEEDED. */
async function watchToEnd(url: string, owner: string, agent: http.Agent): Promise<void> {
  const last = await readToEnd(url, agent, { 'x-bench-owner': owner });
  if (!last.includes('"SUCCEEDED"')) throw new Error(`a watcher missed the end: ${last}`);
}
