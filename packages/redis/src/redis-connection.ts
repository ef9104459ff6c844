// Every Redis round trip of the store goes through here, so each one is bounded in time: a command waits
// at most `operationTimeoutMs`, a client that is offline (reconnecting) fails at once instead of queueing
// (node-redis's offline queue would hold the command until Redis returns, minutes later, and run it then),
// and every failure becomes a RedisUnavailableError the handler answers with 503. Recovery needs no
// restart: the client reconnects by itself and the next call succeeds.
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

/** One call waiting for Redis: settled by its answer or, past `due`, by the sweeper. */
interface PendingCall {
  due: number;
  operation: string;
  reject(error: unknown): void;
}

/**
 * Bounds calls in time with one sweeping timer for all of them (a timer, an AbortController and a race per
 * call cost more than the Redis round trip itself under load). A call is rejected at most `ms` plus one
 * sweep (`ms / 4`, at most 50 ms) after it began; the timer runs only while calls are pending and never holds
 * the process open.
 */
function createDeadlines(ms: number) {
  const pending = new Set<PendingCall>();
  const sweepMs = Math.max(5, Math.min(50, Math.floor(ms / 4)));
  let sweeper: ReturnType<typeof setInterval> | undefined;
  const sweep = () => {
    const now = Date.now();
    for (const call of pending) {
      if (call.due > now) continue;
      pending.delete(call);
      call.reject(new RedisUnavailableError(call.operation, new Error(`no answer within ${ms} ms`)));
    }
    if (pending.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  return function bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const call: PendingCall = { due: Date.now() + ms, operation, reject };
      pending.add(call);
      if (!sweeper) {
        sweeper = setInterval(sweep, sweepMs);
        sweeper.unref?.();
      }
      work().then(
        (value) => {
          if (pending.delete(call)) resolve(value);
        },
        (error: unknown) => {
          if (pending.delete(call)) {
            reject(
              error instanceof RedisUnavailableError ? error : new RedisUnavailableError(operation, error),
            );
          }
        },
      );
    });
  };
}

/** Resolves once `client` is ready (connected), or rejects once `until` (epoch ms) has passed. */
async function whenReady(client: RedisClientLike, until: number): Promise<void> {
  while (!client.isReady) {
    if (Date.now() >= until) throw new Error('not connected yet');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function createRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const { client, operationTimeoutMs, onError } = options;
  const reportError = (error: unknown) => onError(error);
  client.on('error', reportError);
  // Until the first connection is up, commands wait for it (within the deadline): an app that starts
  // serving at once must not answer 503 for its first milliseconds. After that, a client that is not ready
  // (reconnecting) fails the call at once, before anything is queued: a call that gave up must never run
  // later, when Redis is back (node-redis would hold it in its offline queue unless that is disabled).
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
  const bounded = createDeadlines(operationTimeoutMs);

  const send = async (args: readonly string[]) => {
    if (!client.isReady) {
      if (everReady) throw new Error('the client is offline (reconnecting)');
      ensureConnecting();
      await whenReady(client, Date.now() + operationTimeoutMs);
    }
    everReady = true;
    return client.sendCommand(args);
  };

  let subscriberClient: Promise<RedisClientLike> | undefined;
  let subscriberInstance: RedisClientLike | undefined;

  return {
    operationTimeoutMs,
    command<T>(operation: string, args: readonly string[]) {
      return bounded(operation, () => send(args) as Promise<T>);
    },
    script<T>(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]) {
      const { evalsha, evaluate } = scriptCommands(script, keys, args);
      return bounded(script.name, async () => {
        try {
          return (await send(evalsha)) as T;
        } catch (error) {
          if (!isNoScript(error)) throw error;
          return (await send(evaluate)) as T;
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
      return bounded('pubsub.connect', () => pending);
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
