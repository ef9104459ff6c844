// Apps pass one shutdown signal to every wait. That must cost one listener on the signal, not one per wait
// (past ten, Node warns of a leak), and an abort must still end every wait at once.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { addAbortListener, removeAbortListener } from '../src/abort-listeners.js';
import { ActkitAbortError } from '../src/index.js';
import { clientFor, emulator, input } from './helpers.js';

describe('one caller signal shared by many waits', () => {
  it('adds one real listener per signal and calls each of ours once', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    addAbortListener(controller.signal, () => calls.push('a'));
    addAbortListener(controller.signal, { handleEvent: () => calls.push('b') });
    addAbortListener(controller.signal, removed);
    removeAbortListener(controller.signal, removed);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    controller.abort();
    expect(calls).toEqual(['a', 'b']);
  });

  it('40 waits on one signal: no MaxListenersExceededWarning, and abort rejects all within 50 ms', async () => {
    const emu = await emulator({ taskMs: 60_000 });
    const client = clientFor(emu);
    const ids = await Promise.all(
      Array.from({ length: 40 }, () => client.characterPerformance.create(input())),
    );
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const shutdown = new AbortController();
      const waits = ids.map(({ id }) =>
        client.tasks.wait(id, { signal: shutdown.signal, pollIntervalMs: 30_000 }).catch((error) => error),
      );
      // Let every wait make its first GET and go to sleep on the shared signal.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(getEventListeners(shutdown.signal, 'abort').length).toBeLessThanOrEqual(1);
      const abortedAt = performance.now();
      shutdown.abort();
      const results = await Promise.all(waits);
      expect(performance.now() - abortedAt).toBeLessThan(50);
      for (const result of results) expect(result).toBeInstanceOf(ActkitAbortError);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
