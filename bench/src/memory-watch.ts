// Child process of the "memory per watched task" metric, run with --expose-gc so RSS is read after full
// collections. argv: emulator URL, a JSON file of task ids (created by the parent; one more than measured,
// for the warm-up). Prints one JSON line { rssBefore, rssAfter, heapBefore, heapAfter } in bytes, then
// stops its loops and exits.
import { readFileSync } from 'node:fs';
import { createActkitClient } from '@actkit/core';
import { sleep } from './stats.js';

const [url, idsFile] = process.argv.slice(2);
const ids = JSON.parse(readFileSync(idsFile!, 'utf8')) as string[];
const count = ids.length - 1;
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
// And ~100 MB of short-lived garbage, so the young generation (a fixed 2 × 16 MB, see memory-per-task.ts)
// is resident in the baseline too: 10,000 first GETs touch all of it, which is activity, not tasks held.
let churn: number[] = [];
for (let i = 0; i < 200_000; i++) churn = new Array<number>(64).fill(i);
churn.length = 0;

/**
 * Full GCs until the heap stops shrinking (at least 3, at most 20): V8 compacts the old space left by
 * 10,000 first GETs over several full collections (its memory reducer does the same on an idle process),
 * so what is left is what the watches keep.
 */
const settle = async () => {
  let heapTotal = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    gc();
    await sleep(50);
    const now = process.memoryUsage().heapTotal;
    if (i >= 2 && now > heapTotal * 0.99) break;
    heapTotal = now;
  }
  return process.memoryUsage();
};
const before = await settle();
// Watches start as tasks arrive, not all in one tick: at most `inFlight` of them waiting for their first
// GET (the fetch limit). Started in one tick, 10,000 loops would queue 10,000 built requests at once: a
// ~300 MB transient peak whose freed memory the allocator keeps (about +2 KB of RSS per task that no watch holds).
const inFlight = 64;
let started = 1; // the warm-up
for (const id of ids) {
  void watch(id);
  started++;
  while (started - polled >= inFlight) await sleep(1);
}
while (polled < count + 1) await sleep(50);
const after = await settle();

process.stdout.write(
  `${JSON.stringify({ rssBefore: before.rss, rssAfter: after.rss, heapBefore: before.heapUsed, heapAfter: after.heapUsed })}\n`,
);
stop.abort();
process.exit(0);
