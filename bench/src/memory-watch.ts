// Child process of the "memory per watched task" metric, run with --expose-gc so RSS is read after full
// collections. argv: emulator URL, task count. Prints one JSON line { rssBefore, rssAfter, heapBefore,
// heapAfter } in bytes, then stops its loops and exits.
import { createActkitClient } from '@actkit/core';
import { createBody } from './inputs.js';
import { sleep } from './stats.js';

const [url, countArg] = process.argv.slice(2);
const count = Number(countArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** At most `limit` requests in flight: 10,000 loops must not open 10,000 sockets at once. */
function limitedFetch(limit: number): typeof fetch {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (input, init) => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await fetch(input, init);
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

const client = createActkitClient({ apiKey: 'bench-key', baseUrl: url, fetch: limitedFetch(64) });
const ids = await Promise.all(
  Array.from({ length: count + 1 }, async () => (await client.characterPerformance.create(createBody)).id),
);

const stop = new AbortController();
let polled = 0;
/** One watched task: the same for-await loop the server's SSE fan-out runs per task. */
async function watch(id: string) {
  let first = true;
  try {
    for await (const _task of client.tasks.watch(id, { signal: stop.signal, pollIntervalMs: 60_000 })) {
      if (first) polled++;
      first = false;
    }
  } catch {
    // aborted at the end
  }
}

// Warm-up on the extra task: every code path of a watch is loaded and compiled before the baseline.
void watch(ids.pop()!);
while (polled < 1) await sleep(10);

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(50);
  }
  return process.memoryUsage();
};
const before = await settle();
for (const id of ids) void watch(id);
while (polled < count + 1) await sleep(50);
const after = await settle();

process.stdout.write(
  `${JSON.stringify({ rssBefore: before.rss, rssAfter: after.rss, heapBefore: before.heapUsed, heapAfter: after.heapUsed })}\n`,
);
stop.abort();
process.exit(0);
