// A Lua script the store runs with EVALSHA, falling back to EVAL (which loads it) when Redis answers
// NOSCRIPT: after a Redis restart, a failover or SCRIPT FLUSH the script cache is empty, and the next call
// must still work without the app restarting.
import { createHash } from 'node:crypto';

/** One atomic decision, as Redis runs it. `keys` names KEYS[1..n] in order (for errors and docs). */
export interface LuaScript {
  /** The store call it serves, e.g. `counters.hit`. */
  name: string;
  /** KEYS[i] names, in order; the caller passes exactly this many keys. `'any'`: as many as it likes. */
  keys: readonly string[] | 'any';
  source: string;
  /** SHA-1 of `source` (EVALSHA). */
  sha: string;
}

export function luaScript(name: string, keys: LuaScript['keys'], source: string): LuaScript {
  const trimmed = source.trim();
  return { name, keys, source: trimmed, sha: createHash('sha1').update(trimmed).digest('hex') };
}

/** True when Redis says it does not know the script (its cache was flushed or it restarted). */
export const isNoScript = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

/** The EVALSHA and EVAL argument lists of one call. */
export function scriptCommands(
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): { evalsha: string[]; evaluate: string[] } {
  if (script.keys !== 'any' && keys.length !== script.keys.length) {
    throw new TypeError(`${script.name}: expected ${script.keys.length} keys, got ${keys.length}`);
  }
  const rest = [String(keys.length), ...keys, ...args.map(String)];
  return { evalsha: ['EVALSHA', script.sha, ...rest], evaluate: ['EVAL', script.source, ...rest] };
}
