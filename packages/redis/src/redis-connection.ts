// Every Redis round trip of the store goes through here, so each one is bounded in time: a command waits
// at most `operationTimeoutMs`, a client that is offline (reconnecting) fails at once instead of queueing
// (node-redis's offline queue would hold the command until Redis returns, minutes later), and every
// failure becomes a RedisUnavailableError the handler answers with 503. Recovery needs no restart: the
// client reconnects by itself and the next call succeeds.
import { isNoScript, type LuaScript, scriptCommands } from './lua-script.js';
import type { RedisClientLike } from './redis-client.js';
import { RedisUnavailableError } from './redis-unavailable-error.js';

export interface RedisConnectionOptions {
  client: RedisClientLike;
  /** Longest wait for one command, in ms. */
  operationTimeoutMs: number;
  /** Whether `close()` also closes `client` (true when the store created it from a URL). */
  ownsClient: boolean;
  /** Client errors (a dropped socket, a failed reconnect): reported, never thrown. */
  onError(error: unknown): void;
}

export interface RedisConnection {
  /** One command; rejects with RedisUnavailableError on any failure or after `operationTimeoutMs`. */
  command<T>(operation: string, args: readonly string[]): Promise<T>;
  /** One Lua script (EVALSHA, EVAL on NOSCRIPT); same failures as `command`. */
  script<T>(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<T>;
  /**
   * The pub/sub connection (a `duplicate()` of the client, made and connected on first use and shared by
   * every subscription). Rejects with RedisUnavailableError when it cannot connect in time.
   */
  subscriber(): Promise<RedisClientLike>;
  readonly operationTimeoutMs: number;
  /** Closes the pub/sub connection, and the client when the store made it. */
  close(): Promise<void>;
}

/** Rejects after `ms` with a RedisUnavailableError naming `operation`; the timer never holds the process. */
function withDeadline<T>(
  operation: string,
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new RedisUnavailableError(operation, new Error(`no answer within ${ms} ms`)));
    }, ms);
    timer.unref?.();
  });
  const attempt = work(controller.signal).catch((error: unknown) => {
    throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(operation, error);
  });
  return Promise.race([attempt, deadline]).finally(() => clearTimeout(timer));
}

/** Resolves once `client` is ready (connected), or rejects when `signal` aborts first. */
function whenReady(client: RedisClientLike, signal: AbortSignal): Promise<void> {
  if (client.isReady) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (client.isReady) done();
    }, 10);
    const done = (error?: unknown) => {
      clearInterval(poll);
      signal.removeEventListener('abort', aborted);
      if (error) reject(error);
      else resolve();
    };
    const aborted = () => done(new Error('not connected yet'));
    signal.addEventListener('abort', aborted, { once: true });
  });
}

export function createRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const { client, operationTimeoutMs, onError } = options;
  const reportError = (error: unknown) => onError(error);
  client.on('error', reportError);
  // Until the first connection is up, commands wait for it (within the deadline): an app that starts
  // serving at once must not answer 503 for the first milliseconds. After that, an offline client fails
  // fast and its offline queue is bypassed by the abort signal (the command leaves the queue unsent).
  let everReady = client.isReady;
  let connecting: Promise<unknown> | undefined;
  const ensureConnecting = () => {
    if (!client.isOpen && !connecting) {
      connecting = client.connect().catch((error: unknown) => {
        connecting = undefined;
        reportError(error);
      });
    }
  };
  ensureConnecting();

  const send = async (args: readonly string[], signal: AbortSignal) => {
    if (!everReady) {
      ensureConnecting();
      await whenReady(client, signal);
      everReady = true;
    }
    return client.sendCommand(args, { abortSignal: signal });
  };

  let subscriberClient: Promise<RedisClientLike> | undefined;
  let subscriberInstance: RedisClientLike | undefined;

  return {
    operationTimeoutMs,
    command<T>(operation: string, args: readonly string[]) {
      return withDeadline(operation, operationTimeoutMs, (signal) => send(args, signal) as Promise<T>);
    },
    script<T>(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]) {
      const { evalsha, evaluate } = scriptCommands(script, keys, args);
      return withDeadline(script.name, operationTimeoutMs, async (signal) => {
        try {
          return (await send(evalsha, signal)) as T;
        } catch (error) {
          if (!isNoScript(error)) throw error;
          return (await send(evaluate, signal)) as T;
        }
      });
    },
    subscriber() {
      if (!subscriberClient) {
        const duplicate = client.duplicate();
        subscriberInstance = duplicate;
        duplicate.on('error', reportError);
        subscriberClient = duplicate.connect().then(() => duplicate);
        // A failed first connect is retried by the next caller with a fresh duplicate.
        subscriberClient.catch(() => {
          if (subscriberInstance === duplicate) {
            subscriberClient = undefined;
            subscriberInstance = undefined;
            duplicate.destroy();
          }
        });
      }
      const pending = subscriberClient;
      return withDeadline('pubsub.connect', operationTimeoutMs, () => pending);
    },
    async close() {
      const subscriber = subscriberInstance;
      subscriberInstance = undefined;
      subscriberClient = undefined;
      if (subscriber) {
        subscriber.off('error', reportError);
        await subscriber.close().catch(() => subscriber.destroy());
      }
      client.off('error', reportError);
      if (options.ownsClient && client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}
