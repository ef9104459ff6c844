// `pnpm bench`: runs every metric one after the other (so they never compete for the 2 cores), prints the
// table, writes RESULTS.md; with --json the last line printed is one JSON object { metrics: [...] }.
import { writeFileSync } from 'node:fs';
import { measureAdapterThroughput } from './adapter-throughput.js';
import { measureCompletionLag } from './completion-lag.js';
import { measureFanOut } from './fan-out.js';
import { measureMemoryPerTask } from './memory-per-task.js';
import type { Metric } from './metric.js';
import { measurePackageCost } from './package-cost.js';
import { measureReactBundle } from './react-bundle.js';
import { json, resultsMarkdown, table } from './report.js';
import { measureRequestOverhead } from './request-overhead.js';

const steps: [string, () => Promise<Metric[]>][] = [
  [
    'request overhead (emulator in a child process: this process runs only the clients)',
    () => measureRequestOverhead(),
  ],
  ['completion lag and GETs per task (about 100 s: the longest task is 90 s)', () => measureCompletionLag()],
  ['fan-out through the Express adapter', () => measureFanOut()],
  ['adapter throughput (servers and emulator in child processes)', () => measureAdapterThroughput()],
  ['react bundle', () => measureReactBundle()],
  ['install size and cold import', () => measurePackageCost()],
  ['memory per watched task (10,000 watch loops in a child process)', () => measureMemoryPerTask()],
];

const notes = [
  "request overhead: the emulator runs in a child process, so this process's time and CPU are the clients' own; all three clients use Node's global fetch pool (keep-alive) and read the same bare task JSON; values are medians of per-round ratios, the clients' order rotating each round.",
  'completion lag: both clients follow 40 tasks of 10-90 s at the same time against one emulator; ours uses `tasks.wait`, the official SDK `tasks.retrieve(id).waitForTaskOutput()`.',
  'fan-out: real SSE clients, joining over 2 s, read each stream to its end through the Express adapter.',
  'adapter throughput: autocannon in this process; the servers in one child process; the emulator (upstream) in another. The "read cache" row is a proposal, not shipped code (src/read-cache.ts).',
  'memory: "watched" = an active `client.tasks.watch` loop per task, after its first GET, sleeping until its next one; RSS read after full GCs.',
];

const started = performance.now();
const metrics: Metric[] = [];
for (const [title, measure] of steps) {
  process.stderr.write(`bench: ${title}…\n`);
  metrics.push(...(await measure()));
}
const runtimeS = (performance.now() - started) / 1000;
writeFileSync(new URL('../RESULTS.md', import.meta.url), resultsMarkdown(metrics, runtimeS, notes));
console.log(table(metrics));
console.log(
  `\n${metrics.filter((m) => m.met === false).length} target(s) missed; ${runtimeS.toFixed(0)} s; written to bench/RESULTS.md`,
);
if (process.argv.includes('--json')) console.log(json(metrics));
