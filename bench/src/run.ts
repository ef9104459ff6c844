// `pnpm bench`: runs every metric one after the other (so they never compete for the 2 cores), prints the
// table, writes RESULTS.md; with --json the last line printed is one JSON object { metrics: [...] }.
// `--only <words>` runs the steps whose title contains them and leaves RESULTS.md alone (a partial table).
import { writeFileSync } from 'node:fs';
import { measureAdapterThroughput } from './adapter-throughput.js';
import { measureAssetValidation } from './asset-validation.js';
import { measureCompletionLag } from './completion-lag.js';
import { measureCreateThroughput } from './create-throughput.js';
import { measureFanOut } from './fan-out.js';
import { measureFanOutInstances } from './fan-out-instances.js';
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
  ['fan-out across instances (3 Express processes sharing one redis-server)', () => measureFanOutInstances()],
  ['adapter throughput (servers and emulator in child processes)', () => measureAdapterThroughput()],
  [
    'create throughput, redis store vs memory store (apps, emulator, redis-server in child processes)',
    () => measureCreateThroughput(),
  ],
  ['react bundle', () => measureReactBundle()],
  ['asset validation of a 10 MB video data: URI vs its upload', () => measureAssetValidation()],
  ['install size and cold import', () => measurePackageCost()],
  ['memory per watched task (10,000 watch loops in a child process)', () => measureMemoryPerTask()],
];

const notes = [
  "request overhead: the emulator runs in a child process, so this process's time and CPU are the clients' own; all three clients use Node's global fetch pool (keep-alive) and read the same bare task JSON; values are medians of per-round ratios, the clients' order rotating each round.",
  'completion lag: both clients follow 40 tasks of 10-90 s at the same time against one emulator; ours uses `tasks.wait`, the official SDK `tasks.retrieve(id).waitForTaskOutput()`.',
  'fan-out: real SSE clients, joining over 2 s, read each stream to its end through the Express adapter.',
  'fan-out across instances: three Express processes with @actkit/redis share one redis-server; 90 SSE clients (30 per instance, joining over 2 s) and 1 SSE client watch two tasks at once; GETs per task from the emulator, provider ids from the ledger in Redis.',
  'create throughput: POST /character-performances through the Express adapter (validation, limits, the ledger record before the create, the create, the record update), memory store vs @actkit/redis on a local redis-server; 1,000 owners in turn; medians of per-round ratios.',
  'asset validation: a real 5 s H.264 MP4 (ffmpeg) padded to 10 MB, as a data: URI reference; validation is what `characterPerformance.create` runs before sending (schema, size, media type, file signature, the base64 alphabet test, then mediabunny reading the container from the ranges it asks for, decoded from the base64 on demand), on a fresh input object each round; upload is POSTing the same serialised body over loopback to a sink in a child process that reads every byte (pure transfer, the cheapest any create of that body could be); medians of per-round ratios, the order alternating.',
  'adapter throughput: autocannon in this process; each framework\'s pair (the adapter and its own bare server) in a child process of its own, as an app runs one framework (before 2026-11-29 all eleven servers shared one process, where the core handler, called by five adapters with five request shapes, and the frameworks\' shared code ran polymorphic: that cost the adapters ~0.03-0.06x against their bare servers, which no single-framework app pays); the emulator (upstream) in another process. Each adapter is compared with its own framework answering the same JSON: bare Express, bare Fastify (a route handler, reply.send), and for Nest a "bare nest controller" answering the fixed body from a controller shaped like ours on the same platform (Express or Fastify): the ceiling of any Nest adapter there; Hono against a bare Hono route of the same path answering the same body, on the same @hono/node-server.',
  'memory: "watched" = an active `client.tasks.watch` loop per task after its first GET (what the server\'s SSE registry runs, one per task); tasks are created by the parent process, watches start as tasks arrive, the young generation is pinned and warmed, and RSS is read after GCs until the heap settles.',
  // What limits the misses (found with CPU profiles and heap measurements while writing this bench).
  'limits, request overhead vs fetch: a loopback round trip is ~0.15-0.4 ms, so every 10 µs of our CPU shows as ~3-6%. Core changes for this bench took it from 2.0-2.5x to ~1.2x: no AbortSignal handed to fetch unless the caller gave one (undici spends ~20 µs following any signal), one parse of the body, one parse of a valid input, cheaper normalisation. What remains per call: openapi-fetch (8-20 µs, the client is built on it by requirement), our transport (10-25 µs: timeout, retry classification, errors), and on creates input validation (~35 µs in the loop: zod plus URL checks, validation before sending is a requirement). Against the real provider (50-300 ms a call) the whole difference is under 0.1%.',
  "limits, adapter throughput: GET /tasks/{handle} answers from a single-flight read cache (states up to `maxStaleMs`, 1 s, old; terminal ones kept), with opened handles cached and the body serialised once per state; a repeated GET whose handle, fresh state and ledger write this process already holds is answered by `handler.answer` without a promise (~0.5 µs in a loop, ~1.3 µs inside a loaded server), and every adapter writes it at once as a bare route would. What remains is each framework's own plumbing: Express mounting a middleware (path trimming), Nest's router and param decorators, which a bare Nest controller already pays (its row). On 2 shared cores the ratios move by ±0.05-0.1 from run to run.",
  'limits, adapter throughput on Fastify and Hono: both bare frameworks answer a fixed JSON in ~20-25 µs of server time here, 4-6x faster than bare Express, so every µs of handler work weighs 4-5%. Until 2026-11-29 the handler answered every read through ~9 awaits and the adapters wrote it a microtask later, which cost these rows 0.25-0.3x (Fastify 0.71-0.90, Hono 0.62-0.77 over the runs made for issue 12); answering a repeated GET without a promise took them to ~0.85x and ~0.85-0.92x. On Hono a synchronous Response also keeps @hono/node-server on its fast path (the "bare hono, async route" row is what one await costs a bare route).',
  "limits, memory per watched task: a sleeping watch is its loop object and pending promise on the client's one shared PollScheduler (no timer, controller or async frame of its own), plus the caller's abort listener and `for await` frame: ~1.6 KB of JS heap (was 5.6 KB). RSS adds 0.3-1 KB a task of heap fragmentation and allocator memory left by 10,000 GETs, and moves most from run to run: 1.7-2.5 KB in three full runs on 2026-11-29, the target met in one.",
];

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const started = performance.now();
const metrics: Metric[] = [];
for (const [title, measure] of steps) {
  if (only !== undefined && !title.includes(only)) continue;
  process.stderr.write(`bench: ${title}…\n`);
  metrics.push(...(await measure()));
}
const runtimeS = (performance.now() - started) / 1000;
if (only === undefined) {
  writeFileSync(new URL('../RESULTS.md', import.meta.url), resultsMarkdown(metrics, runtimeS, notes));
}
console.log(table(metrics));
console.log(
  `\n${metrics.filter((m) => m.met === false).length} target(s) missed; ${runtimeS.toFixed(0)} s${only === undefined ? '; written to bench/RESULTS.md' : ''}`,
);
if (process.argv.includes('--json')) console.log(json(metrics));
