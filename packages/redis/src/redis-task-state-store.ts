// Recent task states by provider id, shared by every instance: a GET on one instance answers from what
// another instance (or its SSE loop) read a moment ago. Non-terminal states live `ttlMs` (the handler's
// maxStaleMs); terminal ones never change but their output URLs expire (24-48 h at Runway), so they are
// kept `terminalTtlMs` at most (a SUCCEEDED state less: the handler gives it the time its URLs stay fresh)
// and then read afresh, which also returns fresh URLs.
import type { ActkitTaskStateStore, TaskStateEntry } from '@actkit/core/server';
import type { RedisKeys } from './keys.js';
import type { RedisConnection } from './redis-connection.js';

export function createRedisTaskStateStore(
  connection: RedisConnection,
  keys: RedisKeys,
  terminalTtlMs: number,
): ActkitTaskStateStore {
  return {
    async get(taskId) {
      const json = await connection.command<string | null>('tasks.get', ['GET', keys.taskState(taskId)]);
      return json === null ? undefined : (JSON.parse(json) as TaskStateEntry);
    },
    async set(taskId, entry, ttlMs) {
      const px = Math.max(1, Math.ceil(Math.min(ttlMs ?? terminalTtlMs, terminalTtlMs)));
      await connection.command('tasks.set', [
        'SET',
        keys.taskState(taskId),
        JSON.stringify(entry),
        'PX',
        String(px),
      ]);
    },
  };
}
