// `createRedisStore`: the whole handler store on one Redis, so any number of instances act as one: shared
// limits, one upstream loop per task, shared task states. Give it a URL (it makes and owns a node-redis
// client set up to fail fast) or your own client.
import { randomUUID } from 'node:crypto';
import { type ActkitStore, defaultLedgerRetentionMs } from '@actkit/core/server';
import { createClient } from 'redis';
import { createRedisKeys, defaultKeyPrefix } from './keys.js';
import type { RedisClientLike } from './redis-client.js';
import { createRedisConnection } from './redis-connection.js';
import { createRedisCounterStore } from './redis-counter-store.js';
import { createRedisLedger } from './redis-ledger.js';
import { createRedisTaskStateStore } from './redis-task-state-store.js';
import { createRedisWatcherRegistry } from './redis-watcher-registry.js';

/** Where the store's Redis is: a URL (the store makes its own client) or a client you made. */
export type RedisStoreConnection =
  | {
      /** `redis[s]://[[user][:password]@]host[:port][/db]`. */
      url: string;
    }
  | {
      /**
       * A node-redis client (`createClient()` from `redis` 6). The store connects it if it is not open yet,
       * never closes it, and makes one `duplicate()` of it for pub/sub. While it reconnects, store calls fail
       * at once (never queued); every call is bounded by `operationTimeoutMs`.
       */
      client: RedisClientLike;
    };

export interface RedisStoreOptions {
  /** Prefix of every key and channel, so apps (or tests) can share one Redis; default `actkit:`. */
  keyPrefix?: string;
  /**
   * Longest wait for one Redis call, in ms; default 1000. Past it (or at once, when the client is offline)
   * the call throws RedisUnavailableError, which the handler answers with 503 and Retry-After.
   */
  operationTimeoutMs?: number;
  /**
   * Lease of a task's upstream loop, in ms; default 5000 (Runway updates a task about every 5 s). When the
   * instance polling a task dies, another instance with watchers takes over within this time.
   */
  leaseMs?: number;
  /** How long a ledger record is kept after its last write, in ms; default 30 days (2_592_000_000). */
  ledgerRetentionMs?: number;
  /** How long a terminal task state is kept (for GETs and late SSE joiners), in ms; default 1 hour. */
  terminalTaskTtlMs?: number;
  /**
   * This instance's name in its lease tokens (`lease:<taskId>` holds `<instanceId>:<n>`), so Redis shows
   * which instance polls a task. Must differ between instances running at the same time (two with one id
   * could each take the other's lease). Default: a random UUID per `createRedisStore` call.
   */
  instanceId?: string;
  /** Client errors (dropped connections, failed reconnects) and background failures; default: ignored. */
  onError?: (error: unknown) => void;
}

/** The store, with `close()` to release leases and connections on shutdown. */
export interface RedisStore extends Required<Omit<ActkitStore, 'close'>> {
  /**
   * Stops every loop of this instance, releases its leases (so other instances take over at once),
   * closes the pub/sub connection and, when the store made the client from a URL, the client.
   */
  close(): Promise<void>;
}

const defaults = {
  keyPrefix: defaultKeyPrefix,
  operationTimeoutMs: 1000,
  leaseMs: 5000,
  terminalTaskTtlMs: 60 * 60 * 1000,
  ledgerRetentionMs: defaultLedgerRetentionMs,
  latestTtlMs: 10 * 60 * 1000,
};

/** A reconnect every 50-500 ms, forever: Redis coming back is noticed within half a second. */
const reconnectStrategy = (retries: number) => Math.min(50 * (retries + 1), 500);

/**
 * The actkit handler store on Redis: `createActkitHandler({ store: createRedisStore({ url }) })` on every
 * instance (same `keyPrefix`, same handle `secret`). Throws TypeError on a missing URL/client or a bad
 * option; connecting happens in the background (the first calls wait for it, within `operationTimeoutMs`).
 */
export function createRedisStore(
  connection: RedisStoreConnection,
  options: RedisStoreOptions = {},
): RedisStore {
  const settings = { ...defaults, ...withoutUndefined(options) };
  for (const name of ['operationTimeoutMs', 'leaseMs', 'terminalTaskTtlMs', 'ledgerRetentionMs'] as const) {
    if (!(Number.isFinite(settings[name]) && settings[name] > 0)) {
      throw new TypeError(`createRedisStore: ${name} must be a number of ms above 0, got ${settings[name]}`);
    }
  }
  const onError = options.onError ?? (() => {});
  const ownsClient = 'url' in connection;
  let client: RedisClientLike;
  if ('url' in connection) {
    if (typeof connection.url !== 'string' || connection.url === '') {
      throw new TypeError('createRedisStore: `url` must be a redis:// or rediss:// URL');
    }
    client = createClient({
      url: connection.url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy, connectTimeout: settings.operationTimeoutMs },
    }) as unknown as RedisClientLike;
  } else if (connection && typeof connection.client?.sendCommand === 'function') {
    client = connection.client;
  } else {
    throw new TypeError('createRedisStore: pass { url } or { client } (a node-redis client)');
  }
  const redis = createRedisConnection({
    client,
    operationTimeoutMs: settings.operationTimeoutMs,
    ownsClient,
    onError,
  });
  const keys = createRedisKeys(settings.keyPrefix);
  const watchers = createRedisWatcherRegistry({
    connection: redis,
    keys,
    instanceId: settings.instanceId ?? randomUUID(),
    leaseMs: settings.leaseMs,
    latestTtlMs: settings.latestTtlMs,
    terminalTtlMs: settings.terminalTaskTtlMs,
    onError,
  });
  return {
    counters: createRedisCounterStore(redis, keys),
    ledger: createRedisLedger({
      connection: redis,
      prefix: settings.keyPrefix,
      retentionMs: settings.ledgerRetentionMs,
    }),
    watchers,
    tasks: createRedisTaskStateStore(redis, keys, settings.terminalTaskTtlMs),
    async close() {
      watchers.close();
      await watchers.drain();
      await redis.close();
    },
  };
}

const withoutUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
