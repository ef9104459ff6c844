// The seed sent when the caller gives none. CometAPI's page lists `seed: 1` as a default, but that is its
// playground's fill-in: Runway itself picks a random seed when none is sent. Sending 1 every time would make
// every run of the same inputs repeat itself, so a random integer in the spec's range is sent instead, and
// reported back (`create` resolves with it) so any result can be reproduced.
import { characterPerformanceFieldRules } from './field-rules.js';

const seedRule = characterPerformanceFieldRules.get('seed');
if (seedRule?.kind !== 'integer') throw new Error('the spec has no integer `seed` field');
/** The spec's inclusive seed range (0..4294967295 today). */
export const seedRange = { min: seedRule.min, max: seedRule.max } as const;

/**
 * A uniformly random integer in the spec's seed range, from Web Crypto (53 random bits, so every value of a
 * range up to 2^53 is reachable). `random` is for tests: a function returning a number in [0, 1).
 */
export function randomSeed(random: () => number = cryptoRandom): number {
  return seedRange.min + Math.floor(random() * (seedRange.max - seedRange.min + 1));
}

function cryptoRandom(): number {
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  // 21 bits of `high` and 32 of `low`: a 53-bit integer over 2^53, in [0, 1).
  return ((high >>> 11) * 2 ** 32 + low) / 2 ** 53;
}
