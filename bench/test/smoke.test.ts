// Runs every metric in a tiny configuration and checks what `pnpm bench --json` would print, so a broken
// bench fails CI without the full five-minute run. Values are not checked: tiny runs are all noise.
import { describe, expect, it } from 'vitest';
import { measureAdapterThroughput } from '../src/adapter-throughput.js';
import { measureAssetValidation } from '../src/asset-validation.js';
import { measureCompletionLag } from '../src/completion-lag.js';
import { measureCreateThroughput } from '../src/create-throughput.js';
import { measureFanOut } from '../src/fan-out.js';
import { measureFanOutInstances } from '../src/fan-out-instances.js';
import { measureMemoryPerTask } from '../src/memory-per-task.js';
import type { Metric } from '../src/metric.js';
import { measurePackageCost } from '../src/package-cost.js';
import { measureReactBundle } from '../src/react-bundle.js';
import { json, table } from '../src/report.js';
import { measureRequestOverhead } from '../src/request-overhead.js';

/** Parses the --json line and checks each row's shape; returns the names. */
function checkJson(metrics: Metric[]): string[] {
  const parsed = JSON.parse(json(metrics)) as { metrics: Record<string, unknown>[] };
  expect(Object.keys(parsed)).toEqual(['metrics']);
  for (const m of parsed.metrics) {
    expect(Object.keys(m)).toEqual(['name', 'value', 'unit', 'target', 'met']);
    expect(typeof m.name).toBe('string');
    expect(Number.isFinite(m.value)).toBe(true);
    expect(typeof m.unit).toBe('string');
    if (m.target === null) expect(m.met).toBeNull();
    else {
      expect(m.target).toMatch(/^(<=|<|>=) [\d.]+$/);
      expect(typeof m.met).toBe('boolean');
    }
  }
  expect(table(metrics).split('\n')).toHaveLength(metrics.length + 2);
  return parsed.metrics.map((m) => m.name as string);
}

const hasPhrase = (names: string[], phrase: string) => names.some((n) => n.includes(phrase));

describe.concurrent('every metric, tiny', () => {
  it('request overhead', async () => {
    const names = checkJson(await measureRequestOverhead({ requests: 40, rounds: 2 }));
    expect(hasPhrase(names, 'request overhead vs fetch')).toBe(true);
    expect(hasPhrase(names, 'request overhead vs official sdk')).toBe(true);
  });

  it('completion lag and GETs per task', async () => {
    // The official SDK sleeps ~6 s between polls, so even one short task takes that long.
    const names = checkJson(await measureCompletionLag({ tasks: 2, minMs: 500, maxMs: 1000 }));
    expect(hasPhrase(names, 'completion lag vs official sdk')).toBe(true);
    expect(hasPhrase(names, 'gets per task vs official sdk')).toBe(true);
  });

  it('fan-out', async () => {
    const names = checkJson(
      await measureFanOut({ watchers: [1, 3], tasks: 1, taskMs: 1500, joinSpreadMs: 300 }),
    );
    expect(hasPhrase(names, 'fan-out')).toBe(true);
  });

  it('fan-out across instances', async () => {
    const names = checkJson(
      await measureFanOutInstances({ instances: 2, watchers: 4, tasks: 1, taskMs: 1500, joinSpreadMs: 300 }),
    );
    expect(hasPhrase(names, 'fan-out across instances')).toBe(true);
  });

  it('create throughput, redis vs memory store', async () => {
    const names = checkJson(await measureCreateThroughput({ rounds: 2, seconds: 1, connections: 2 }));
    expect(hasPhrase(names, 'create throughput: redis store vs memory store')).toBe(true);
  });

  it('adapter throughput (Express, Fastify, Nest on both platforms, Hono)', async () => {
    const names = checkJson(await measureAdapterThroughput({ rounds: 1, seconds: 1, connections: 2 }));
    expect(hasPhrase(names, 'express vs bare express')).toBe(true);
    expect(hasPhrase(names, 'fastify vs bare fastify')).toBe(true);
    expect(hasPhrase(names, 'nest (fastify platform) vs bare nest controller (fastify platform)')).toBe(true);
    expect(hasPhrase(names, 'hono vs bare hono')).toBe(true);
  });

  it('asset validation vs upload', async () => {
    const names = checkJson(await measureAssetValidation({ rounds: 2, bytes: 1024 * 1024 }));
    expect(hasPhrase(names, 'asset validation vs upload')).toBe(true);
  });

  it('react bundle, install size, cold import', async () => {
    const names = checkJson([...(await measureReactBundle()), ...(await measurePackageCost(1))]);
    expect(hasPhrase(names, 'react bundle')).toBe(true);
  });

  it('memory per watched task', async () => {
    const names = checkJson(await measureMemoryPerTask(100));
    expect(hasPhrase(names, 'memory per watched task')).toBe(true);
  });
});
