// What every multi-instance test file shares: one redis-server and one emulator (the provider) per file,
// and clusters of instance processes on them, each cluster under its own key prefix so tests never see
// each other's state. Everything is stopped after the file, failing or not.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Emulator, type EmulatorOptions, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/index.js';
import { type Instance, type InstanceSettings, startInstance, stopAllInstances } from './instances.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

export interface ClusterSpec
  extends Partial<Omit<InstanceSettings, 'name' | 'redisUrl' | 'emulatorUrl' | 'settledLog'>> {
  /** One entry per instance: its framework. Default three Express instances. */
  frameworks?: ('express' | 'nest')[];
  /** Give the instances an `onTaskSettled` (and so the background follower); default true. */
  settle?: boolean;
}

export interface Cluster {
  instances: Instance[];
  keyPrefix: string;
  /** Every onTaskSettled call so far, from every instance (one JSON line each). */
  settled(): { instance: string; owner: string; handle: string; status: string; settlementId: string }[];
  /**
   * Starts one more instance on the cluster's prefix (a restart after a kill). `settle` overrides the
   * cluster's: true gives this one an `onTaskSettled` writing to the cluster's log (`settled()`).
   */
  add(name: string, framework?: 'express' | 'nest', settle?: boolean): Promise<Instance>;
  /** The provider task id of `owner`'s newest task, read from the ledger in Redis (handles are opaque). */
  providerTaskId(owner: string): Promise<string | undefined>;
}

export function useCluster(emulatorOptions: EmulatorOptions = {}) {
  const env = {} as { redis: RedisServer; emulator: Emulator; dir: string; stores: RedisStore[] };
  beforeAll(async () => {
    env.dir = mkdtempSync(path.join(os.tmpdir(), 'actkit-redis-test-'));
    env.stores = [];
    [env.redis, env.emulator] = await Promise.all([
      startRedisServer(),
      startEmulator({ taskMs: 2000, concurrency: 100, ...emulatorOptions }),
    ]);
  });
  afterAll(async () => {
    await stopAllInstances();
    await Promise.all((env.stores ?? []).map((store) => store.close()));
    await Promise.all([env.redis?.close(), env.emulator?.close()]);
    if (env.dir) rmSync(env.dir, { recursive: true, force: true });
  });

  const start = async (spec: ClusterSpec = {}): Promise<Cluster> => {
    const keyPrefix = spec.keyPrefix ?? `cluster:${randomUUID()}:`;
    const settledLog = path.join(env.dir, `${randomUUID()}.settled.jsonl`);
    const { frameworks = ['express', 'express', 'express'], settle = true, ...instanceSpec } = spec;
    const settings = (name: string, framework: 'express' | 'nest', settles = settle): InstanceSettings => ({
      ...instanceSpec,
      name,
      framework,
      keyPrefix,
      ...(settles ? { settledLog } : {}),
      redisUrl: env.redis.url,
      emulatorUrl: env.emulator.url,
    });
    const instances = await Promise.all(
      frameworks.map((framework, i) => startInstance(settings(`${framework}-${i + 1}`, framework))),
    );
    let store: RedisStore | undefined;
    return {
      instances,
      keyPrefix,
      async providerTaskId(owner) {
        if (!store) {
          store = createRedisStore({ url: env.redis.url }, { keyPrefix });
          env.stores.push(store);
        }
        return (await store.ledger.list(owner, { limit: 1 }))[0]?.taskId;
      },
      settled() {
        let text = '';
        try {
          text = readFileSync(settledLog, 'utf8');
        } catch {
          return [];
        }
        return text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line));
      },
      add: (name, framework = 'express', settles = settle) =>
        startInstance(settings(name, framework, settles)),
    };
  };

  return {
    get redis() {
      return env.redis;
    },
    get emulator() {
      return env.emulator;
    },
    start,
  };
}

/** Upstream GETs of task state the emulator answered since its stats were last reset. */
export { upstreamTaskGets } from '../../../core/test/upstream-gets.js';

/** Waits until `check` resolves true, polling every 20 ms; fails naming `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How many upstream loops each instance runs now (its /__instance route). */
export async function loopsPerInstance(instances: Instance[]): Promise<number[]> {
  return Promise.all(
    instances.map(async (instance) => {
      const response = await fetch(`${instance.origin}/__instance`).catch(() => undefined);
      if (!response?.ok) return 0;
      return ((await response.json()) as { activeLoops: number }).activeLoops;
    }),
  );
}
