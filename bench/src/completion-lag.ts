// Metric 2: "completion lag vs official sdk" and "gets per task vs official sdk".
// Both clients follow the same spread of tasks at the same time against one emulator (in this process: the
// numbers are seconds and request counts, not CPU). Lag = when the caller learns the task succeeded minus
// when the emulator finished it; GETs come from the emulator's per-route counts (each client has its own
// route family: ours /runwayml/v1, the official SDK the native /v1).
import { createActkitClient } from '@actkit/core';
import { startEmulator } from '@actkit/emulator';
import RunwayML from '@runwayml/sdk';
import { apiKey, createBody } from './inputs.js';
import { checked, type Metric } from './metric.js';
import { mean, percentile } from './stats.js';

export interface CompletionLagConfig {
  /** Tasks per client. */
  tasks: number;
  /** Task durations are spread evenly over [minMs, maxMs]. */
  minMs: number;
  maxMs: number;
}

export const defaultConfig: CompletionLagConfig = { tasks: 40, minMs: 10_000, maxMs: 90_000 };

export async function measureCompletionLag(config = defaultConfig): Promise<Metric[]> {
  // Each task's duration travels in its seed, so both clients' tasks get exactly the same spread.
  const emulator = await startEmulator({ taskMs: (body) => body.seed, concurrency: 2 * config.tasks });
  try {
    const ours = createActkitClient({ apiKey, baseUrl: emulator.url });
    const sdk = new RunwayML({ apiKey, baseURL: emulator.url });
    const durations = Array.from({ length: config.tasks }, (_, i) =>
      Math.round(config.minMs + ((config.maxMs - config.minMs) * i) / Math.max(1, config.tasks - 1)),
    );
    const lagOf = (id: string) => Date.now() - emulator.task(id)!.finishedAt!;
    const follow = async (seed: number) => {
      const [oursId, sdkId] = await Promise.all([
        ours.characterPerformance.create({ ...createBody, seed }).then((t) => t.id),
        sdk.characterPerformance.create({ ...createBody, seed }).then((t) => t.id),
      ]);
      return Promise.all([
        ours.tasks.wait(oursId).then(() => lagOf(oursId)),
        sdk.tasks
          .retrieve(sdkId)
          .waitForTaskOutput()
          .then(() => lagOf(sdkId)),
      ]);
    };
    const lags = await Promise.all(durations.map(follow));
    const oursLag = lags.map(([o]) => o);
    const sdkLag = lags.map(([, s]) => s);
    const gets = (route: string) => (emulator.stats.byRoute[route] ?? 0) / config.tasks;
    const oursGets = gets('GET /runwayml/v1/tasks/:id');
    const sdkGets = gets('GET /v1/tasks/:id');
    const ms = (values: number[], f: (v: number[]) => number) => `${f(values).toFixed(0)} ms`;
    const span = `${config.tasks} tasks of ${config.minMs / 1000}-${config.maxMs / 1000} s each`;
    return [
      checked(
        'completion lag vs official sdk (mean)',
        mean(oursLag) / mean(sdkLag),
        'x',
        '<=',
        0.5,
        `${span}: ours ${ms(oursLag, mean)}, sdk ${ms(sdkLag, mean)}`,
      ),
      checked(
        'completion lag vs official sdk (p95)',
        percentile(oursLag, 95) / percentile(sdkLag, 95),
        'x',
        '<=',
        0.5,
        `ours ${ms(oursLag, (v) => percentile(v, 95))}, sdk ${ms(sdkLag, (v) => percentile(v, 95))}`,
      ),
      checked(
        'gets per task vs official sdk',
        oursGets / sdkGets,
        'x',
        '<=',
        1.0,
        `ours ${oursGets.toFixed(1)}, sdk ${sdkGets.toFixed(1)} GETs per task`,
      ),
    ];
  } finally {
    await emulator.close();
  }
}
