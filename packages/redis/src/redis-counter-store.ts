// Per-owner limit counters on Redis: the rolling window and the slot sets, each decision one script (see
// scripts/counter-scripts.ts), so the limits hold across every instance sharing the Redis.
import { randomUUID } from 'node:crypto';
import type { ActkitCounterStore } from '@actkit/core/server';
import type { RedisKeys } from './keys.js';
import type { RedisConnection } from './redis-connection.js';
import { acquireSlot, listSlots, rollingWindowHit } from './scripts/counter-scripts.js';

type Decision = [allowed: number, retryAfterMs: number];

const decision = ([allowed, retryAfterMs]: Decision) => ({
  allowed: allowed === 1,
  retryAfterMs: Number(retryAfterMs),
});

export function createRedisCounterStore(connection: RedisConnection, keys: RedisKeys): ActkitCounterStore {
  const acquire = async (key: string, member: string, limit: number, ttlMs: number) =>
    decision(
      await connection.script<Decision>(acquireSlot, [keys.slots(key)], [member, limit, Math.ceil(ttlMs)]),
    );
  const release = async (key: string, member: string) => {
    await connection.command('counters.releaseSlot', ['ZREM', keys.slots(key), member]);
  };
  const list = (key: string) => connection.script<string[]>(listSlots, [keys.slots(key)], []);

  return {
    async hit(key, windowMs, limit) {
      return decision(
        await connection.script<Decision>(
          rollingWindowHit,
          [keys.window(key)],
          [Math.ceil(windowMs), limit, randomUUID()],
        ),
      );
    },
    acquireSlot: acquire,
    releaseSlot: release,
    listSlots: list,
  };
}
