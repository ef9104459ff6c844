// With no seed given, a random one in the spec's range is sent (not the seed page's playground `1`) and
// reported by create, so runs differ and any result can be reproduced; a given seed is sent as is.
import { describe, expect, it } from 'vitest';
import { zCharacterPerformanceRequest } from '../src/generated/cometapi-runway/zod.gen.js';
import { randomSeed, seedRange, validateCharacterPerformanceInput } from '../src/index.js';
import { clientFor, emulator, input } from './helpers.js';

const seedSchema = zCharacterPerformanceRequest.shape.seed;

describe('randomSeed', () => {
  it('covers exactly the spec range, ends included', () => {
    expect(seedRange).toEqual({ min: seedSchema.minValue, max: seedSchema.maxValue });
    expect(randomSeed(() => 0)).toBe(seedRange.min);
    expect(randomSeed(() => 1 - 2 ** -53)).toBe(seedRange.max);
  });

  it('draws integers in range that differ', () => {
    const seeds = Array.from({ length: 200 }, () => randomSeed());
    for (const seed of seeds) {
      expect(Number.isInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(seedRange.min);
      expect(seed).toBeLessThanOrEqual(seedRange.max);
    }
    expect(new Set(seeds).size).toBeGreaterThan(190);
    // Not stuck in the low bits: some seeds above 2^31.
    expect(seeds.some((seed) => seed > 2 ** 31)).toBe(true);
  });
});

describe('validation fills a random seed only when none is given', () => {
  it('no seed (absent or undefined) → a random seed in range, another each time', () => {
    const a = validateCharacterPerformanceInput(input());
    const b = validateCharacterPerformanceInput({ ...input(), seed: undefined });
    if (!a.ok || !b.ok) throw new Error('expected valid input');
    expect(seedSchema.safeParse(a.value.seed).success).toBe(true);
    expect(a.value.seed).not.toBe(b.value.seed);
  });

  it('a given seed is kept, 0 and the maximum included', () => {
    for (const seed of [0, 42, seedRange.max]) {
      const result = validateCharacterPerformanceInput({ ...input(), seed });
      expect(result.ok && result.value.seed).toBe(seed);
    }
  });
});

describe('create sends and reports the seed', () => {
  it('two creates without a seed send two different seeds, each reported by create', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const first = await client.characterPerformance.create(input());
    const second = await client.characterPerformance.create(input());
    expect(first.seed).not.toBe(second.seed);
    for (const created of [first, second]) {
      const sent = emu.task(created.id)?.body.seed;
      expect(sent).toBe(created.seed);
      expect(seedSchema.safeParse(sent).success).toBe(true);
    }
  });

  it('a given seed is sent as is', async () => {
    const emu = await emulator();
    const created = await clientFor(emu).characterPerformance.create({ ...input(), seed: 1 });
    expect(created.seed).toBe(1);
    expect(emu.task(created.id)?.body.seed).toBe(1);
  });
});

describe('run resolves with the seed it sent', () => {
  it('a random seed: the SUCCEEDED task carries the one sent (the one onCreated saw)', async () => {
    const emu = await emulator({ taskMs: 200 });
    let createdSeed: number | undefined;
    const task = await clientFor(emu).characterPerformance.run(input(), {
      pollIntervalMs: 20,
      onCreated: (created) => {
        createdSeed = created.seed;
      },
    });
    expect(task.status).toBe('SUCCEEDED');
    // Typed: `seed` is a number on what run resolves with, no cast needed.
    const seed: number = task.seed;
    expect(seed).toBe(createdSeed);
    expect(emu.task(task.id)?.body.seed).toBe(seed);
    expect(seedSchema.safeParse(seed).success).toBe(true);
  });

  it('a given seed comes back as given', async () => {
    const emu = await emulator({ taskMs: 200 });
    const task = await clientFor(emu).characterPerformance.run(
      { ...input(), seed: 0 },
      { pollIntervalMs: 20 },
    );
    expect(task).toMatchObject({ status: 'SUCCEEDED', seed: 0 });
  });
});
