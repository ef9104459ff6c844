// How long a SUCCEEDED task's output URLs may still be handed to a browser. Runway's links die 24–48 h after
// the task ends and a re-read returns fresh ones, so a terminal state is only final for its status: its
// output must be read again before the links run out. The expiry comes from the links themselves when they
// carry one (output-url-expiry.ts), else from a configured lifetime counted from when they were read.

import { outputUrlExpiresAt } from '../output-url-expiry.js';

/** The default `outputUrlTtlMs`: 12 h, half of the shortest lifetime Runway documents (24–48 h). */
export const defaultOutputUrlTtlMs = 12 * 60 * 60 * 1000;

/** Most of a link's remaining life kept back, so a browser handed it still has time to load the video. */
const marginMs = 5 * 60 * 1000;

export interface OutputFreshnessOptions {
  /** Lifetime of a link that carries no expiry, counted from when it was read, in ms (`outputUrlTtlMs`). */
  outputUrlTtlMs: number;
  /**
   * A state may always be answered this long after it was read (the handler's `maxStaleMs`), even when its
   * links claim to expire sooner: a provider clock running behind ours must not turn every GET into an
   * upstream read.
   */
  floorMs: number;
}

/**
 * Until when (epoch ms) the links `output` (read at `readAt`, epoch ms) may be handed out: the earliest link's
 * own expiry less a margin (a fifth of its life at read time, at most 5 minutes), or `readAt + outputUrlTtlMs`
 * for a link without one; never before `readAt + floorMs`. `Infinity` for no links (FAILED, CANCELLED:
 * nothing expires). The expiries read from one `output` array are remembered (weakly), so a state kept in
 * memory is parsed once however often it is read.
 */
export type OutputsFreshUntil = (output: readonly string[] | undefined, readAt: number) => number;

export function createOutputFreshness(options: OutputFreshnessOptions): OutputsFreshUntil {
  const { outputUrlTtlMs, floorMs } = options;
  if (!(outputUrlTtlMs > 0))
    throw new RangeError(`outputUrlTtlMs must be a number > 0, got ${outputUrlTtlMs}`);
  // Per output array: the earliest expiry its links carry (Infinity: none does), and whether any lacks one.
  const read = new WeakMap<readonly string[], { earliest: number; someUnsigned: boolean }>();
  return (output, readAt) => {
    if (!output || output.length === 0) return Number.POSITIVE_INFINITY;
    let known = read.get(output);
    if (!known) {
      known = { earliest: Number.POSITIVE_INFINITY, someUnsigned: false };
      for (const url of output) {
        const expiresAt = outputUrlExpiresAt(url);
        if (expiresAt === undefined) known.someUnsigned = true;
        else known.earliest = Math.min(known.earliest, expiresAt);
      }
      read.set(output, known);
    }
    const signed = known.earliest - Math.min(marginMs, Math.max(0, known.earliest - readAt) / 5);
    const unsigned = known.someUnsigned ? readAt + outputUrlTtlMs : Number.POSITIVE_INFINITY;
    return Math.max(readAt + floorMs, Math.min(signed, unsigned));
  };
}
