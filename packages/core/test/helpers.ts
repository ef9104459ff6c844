// Shared test setup: an emulator per test on 127.0.0.1, closed afterwards, and a client pointed at it with
// small backoffs so retries stay fast.
import type { Emulator, EmulatorOptions } from '@actkit/emulator';
import { startEmulator } from '@actkit/emulator';
import { afterEach } from 'vitest';
import type { ActkitClientOptions, CharacterPerformanceInput } from '../src/index.js';
import { createActkitClient } from '../src/index.js';

export const testKey = 'sk-test-SECRET-0123456789abcdef';

const open: Emulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emu) => emu.close()));
});

/** Starts an emulator that is closed after the current test. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, taskMs: 600, ...options });
  open.push(emu);
  return emu;
}

/** A client for `emu` with tiny backoffs. */
export function clientFor(emu: Emulator, options: ActkitClientOptions = {}) {
  return createActkitClient({
    apiKey: testKey,
    baseUrl: emu.url,
    backoff: { baseMs: 5, maxMs: 20 },
    ...options,
  });
}

/** A valid input; pass a word like 'fail-moderation' to steer the emulator. */
export function input(trigger = ''): CharacterPerformanceInput {
  return {
    character: { type: 'image', uri: `https://assets.example.com/face${trigger ? `-${trigger}` : ''}.png` },
    reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
  };
}

/** Fetches the request count of one route. */
export const createCount = (emu: Emulator) =>
  emu.stats.byRoute['POST /runwayml/v1/character_performance'] ?? 0;
export const getCount = (emu: Emulator) => emu.stats.byRoute['GET /runwayml/v1/tasks/:id'] ?? 0;
