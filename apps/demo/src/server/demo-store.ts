// Where the demo keeps its server state. Default: in this process (the handler's memory store), as before.
// With REDIS_URL: in Redis through @actkit/redis, so every owner's task list (GET /tasks) survives a restart
// of the demo, and several demo processes could share it. The demo makes the node-redis client itself
// (`{ client }`) because it also keeps one value of its own there: in emulator mode, the handle secret, so
// a task link (?task=<handle>) made before a restart still opens after it.
import { randomBytes } from 'node:crypto';
import type { ActkitStore } from '@actkit/core/server';
import { createRedisStore } from '@actkit/redis';
import { createClient } from 'redis';
import type { DemoConfig } from './demo-config.js';
import type { Upstream } from './upstream.js';

export interface DemoStore {
  /** The handler's store; undefined: the handler's default (memory). */
  store: ActkitStore | undefined;
  /** The handle secret to use (the upstream's, or one kept in Redis). */
  handleSecret: string | undefined;
  /** Where state is kept, for the startup message (no password). */
  where: string;
  close(): Promise<void>;
}

const keyPrefix = 'actkit-demo:';
/** How long the demo waits for Redis at start before it gives up with a message. */
const connectTimeoutMs = 5_000;

/** The Redis URL without credentials, for printing. */
const withoutCredentials = (url: string) => {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
};

export async function startDemoStore(config: DemoConfig, upstream: Upstream): Promise<DemoStore> {
  if (!config.redisUrl) {
    return {
      store: undefined,
      handleSecret: upstream.handleSecret,
      where: 'in this process',
      close: async () => {},
    };
  }
  const client = createClient({ url: config.redisUrl, disableOfflineQueue: true });
  client.on('error', () => {}); // reconnects by itself; store calls fail fast (503) meanwhile
  // node-redis keeps retrying a first connect that fails and never rejects: bound it, so a wrong REDIS_URL
  // stops the demo with a message instead of hanging silently.
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${connectTimeoutMs} ms`)), connectTimeoutMs);
      }),
    ]);
  } catch (error) {
    client.destroy();
    throw new Error(`REDIS_URL is set but Redis did not answer at ${withoutCredentials(config.redisUrl)}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
  let handleSecret = upstream.handleSecret;
  if (upstream.mode === 'emulator' && config.handleSecret === undefined) {
    // The first demo process on this Redis picks it; later ones (and restarts) read the same.
    const key = `${keyPrefix}handle-secret`;
    await client.set(key, randomBytes(32).toString('base64url'), { condition: 'NX' });
    handleSecret = (await client.get(key)) ?? handleSecret;
  }
  const store = createRedisStore({ client }, { keyPrefix });
  return {
    store,
    handleSecret,
    where: `in Redis at ${withoutCredentials(config.redisUrl)}`,
    async close() {
      await store.close();
      await client.close();
    },
  };
}
