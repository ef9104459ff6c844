// ONE upstream poll loop per task across every instance sharing the Redis. Per task, each instance with
// local watchers subscribes to the task's channel and claims the task's lease; the holder runs the loop,
// renews the lease every leaseMs/3 and publishes every state (fenced by the lease) with the latest kept in
// a key for late joiners; the others feed their watchers from the channel and claim again when the lease
// can have expired, so a holder killed with SIGKILL is replaced within the lease time. The last local
// watcher leaving stops the loop and releases the lease (and says so on the channel, so another instance
// takes over at once). A terminal state or a loop error ends it everywhere.
//
// Redis down: an instance that cannot claim and has heard nothing for a lease time runs the loop itself for
// its own watchers (as the memory registry would) and keeps claiming; once Redis answers again it either
// holds the lease or stops its loop and listens. Watchers never stall for longer than a lease because Redis
// did, and a Redis that is merely slow (a claim timing out while the holder is heard) starts no second loop.
import type { ActkitWatcherRegistry, TaskPoller, TaskWatchEvent } from '@actkit/core/server';
import type { RedisKeys } from './keys.js';
import type { RedisMessageListener } from './redis-client.js';
import type { RedisConnection } from './redis-connection.js';
import { claimLease, publishEvent, releaseLease } from './scripts/lease-scripts.js';
import { decodeWatchMessage, encodeWatchMessage, type WatchMessage } from './watch-message.js';

export interface RedisWatcherRegistryOptions {
  connection: RedisConnection;
  keys: RedisKeys;
  /** This process's id (unique per instance); lease tokens start with it. */
  instanceId: string;
  /** How long a lease lives without renewal, in ms: the longest a dead holder's task goes unpolled. */
  leaseMs: number;
  /** How long the latest non-terminal state is kept for late joiners, in ms. */
  latestTtlMs: number;
  /** How long a terminal state is kept for late joiners, in ms. */
  terminalTtlMs: number;
  onError(error: unknown): void;
}

/** The registry, plus `drain()`: waits for the lease releases and unsubscribes `close()` started. */
export interface RedisWatcherRegistry extends ActkitWatcherRegistry {
  drain(): Promise<void>;
}

type Listener = (event: TaskWatchEvent) => void;

interface Channel {
  taskId: string;
  /** Unique per channel: a lease held by an earlier channel of this instance is not ours. */
  token: string;
  poll: TaskPoller;
  listeners: Set<Listener>;
  latest: TaskWatchEvent | undefined;
  /** The running upstream loop, when this instance holds the task (or runs it alone while Redis is down). */
  loop: AbortController | undefined;
  /** True while the lease in Redis is ours. */
  leased: boolean;
  subscribed: boolean;
  /** When another instance's loop was last heard on the channel (or the channel was made), epoch ms. */
  heardAt: number;
  /** A terminal state or a loop error was seen: no more loops or claims for this channel. */
  ended: boolean;
  closed: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  onMessage: RedisMessageListener;
}

const isTerminalStatus = (status: string) =>
  status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';

const endsLoop = (event: TaskWatchEvent) => event.type === 'error' || isTerminalStatus(event.task.status);

export function createRedisWatcherRegistry(options: RedisWatcherRegistryOptions): RedisWatcherRegistry {
  const { connection, keys, instanceId, leaseMs } = options;
  const channels = new Map<string, Channel>();
  const pending = new Set<Promise<unknown>>();
  let sequence = 0;

  /** Background work the registry does not wait for inline, but `drain()` does. */
  const track = (work: Promise<unknown>) => {
    const guarded = work.catch(options.onError);
    pending.add(guarded);
    void guarded.finally(() => pending.delete(guarded));
  };

  /** Hands `event` to the local watchers and keeps it for the ones who join later. */
  const show = (channel: Channel, event: TaskWatchEvent) => {
    if (channel.closed) return;
    channel.latest = event;
    for (const listener of [...channel.listeners]) listener(event);
  };

  /** A state or error of the running loop (ours or another instance's): a terminal one or an error ends it. */
  const deliver = (channel: Channel, event: TaskWatchEvent) => {
    if (channel.closed) return;
    if (endsLoop(event)) end(channel);
    show(channel, event);
  };

  /** No more loops or claims: the task is over (terminal) or its loop failed. */
  const end = (channel: Channel) => {
    channel.ended = true;
    clearTimeout(channel.timer);
    channel.timer = undefined;
  };

  const schedule = (channel: Channel, ms: number) => {
    clearTimeout(channel.timer);
    if (channel.closed || channel.ended) return;
    channel.timer = setTimeout(() => track(tick(channel)), Math.max(1, ms));
  };

  const publish = async (channel: Channel, event: TaskWatchEvent): Promise<boolean> => {
    const message = encodeWatchMessage({ from: channel.token, event });
    const keep =
      event.type === 'error'
        ? 0
        : isTerminalStatus(event.task.status)
          ? options.terminalTtlMs
          : options.latestTtlMs;
    const published = await connection.script<number>(
      publishEvent,
      [keys.lease(channel.taskId), keys.latest(channel.taskId)],
      [channel.token, keys.events(channel.taskId), message, Math.ceil(keep)],
    );
    return published === 1;
  };

  const stopLoop = (channel: Channel) => {
    channel.loop?.abort();
    channel.loop = undefined;
  };

  /** Runs the upstream loop here: local watchers hear each state at once, the others through the channel. */
  const runLoop = async (channel: Channel) => {
    const loop = new AbortController();
    channel.loop = loop;
    try {
      for await (const task of channel.poll(channel.taskId, loop.signal)) {
        if (loop.signal.aborted) return;
        const event: TaskWatchEvent = { type: 'task', task };
        deliver(channel, event);
        if (channel.leased) {
          const stillOurs = await publish(channel, event).catch((error: unknown) => {
            options.onError(error);
            return true; // Redis is down: keep serving our own watchers; the next claim decides.
          });
          if (!stillOurs) {
            // Another instance holds the task now: let it poll, listen to it.
            channel.leased = false;
            if (!loop.signal.aborted) stopLoop(channel);
            schedule(channel, 0);
            return;
          }
        }
        if (endsLoop(event)) return;
      }
    } catch (error) {
      if (loop.signal.aborted) return;
      const event: TaskWatchEvent = { type: 'error', error };
      deliver(channel, event);
      if (channel.leased) await publish(channel, event).catch(options.onError);
    } finally {
      if (channel.loop === loop) channel.loop = undefined;
      if (channel.ended && channel.leased) {
        channel.leased = false;
        await connection
          .script(releaseLease, [keys.lease(channel.taskId)], [channel.token])
          .catch(options.onError);
      }
    }
  };

  /** Claims (or renews) the lease, and starts or stops the local loop to match what Redis says. */
  const tick = async (channel: Channel) => {
    if (channel.closed || channel.ended) return;
    if (!channel.subscribed) await subscribe(channel);
    let claim: [held: number, remainingMs: number] | undefined;
    try {
      claim = await connection.script(claimLease, [keys.lease(channel.taskId)], [channel.token, leaseMs]);
    } catch (error) {
      options.onError(error);
    }
    if (channel.closed || channel.ended) {
      if (claim?.[0] === 1) await release(channel);
      return;
    }
    if (claim === undefined) {
      // Redis did not answer (down, or slow under load). A holder keeps its loop: its publishes are fenced
      // by the lease, so if it lost the lease meanwhile the next publish tells it. A listener keeps
      // listening while the holder is heard; after a lease time of silence on the channel (Redis down, so
      // nobody can publish or claim) it polls for its own watchers until Redis answers again.
      const silent = !channel.subscribed || Date.now() - channel.heardAt >= leaseMs;
      if (!channel.loop && silent) void runLoop(channel);
      schedule(channel, leaseMs / 3);
      return;
    }
    const [held, remainingMs] = claim;
    if (held === 1) {
      channel.leased = true;
      if (!channel.loop) void runLoop(channel);
      schedule(channel, leaseMs / 3);
      return;
    }
    // Another instance holds it. Claim again as soon as its lease could have run out: a live holder renews
    // every leaseMs/3, so this costs one call per leaseMs/2, and a dead one is replaced on expiry.
    channel.leased = false;
    stopLoop(channel);
    schedule(channel, Math.min(Number(remainingMs) + 1, leaseMs / 2));
  };

  const release = async (channel: Channel) => {
    const released = await connection.script<number>(
      releaseLease,
      [keys.lease(channel.taskId)],
      [channel.token],
    );
    if (released === 1) {
      const message = encodeWatchMessage({ from: channel.token, released: true });
      await connection.command('watchers.released', ['PUBLISH', keys.events(channel.taskId), message]);
    }
  };

  const onMessage = (channel: Channel, message: WatchMessage) => {
    if (message.from === channel.token || channel.closed) return;
    channel.heardAt = Date.now();
    if ('released' in message) {
      // The holder let go while we still have watchers: take over now, not at the next claim.
      if (!channel.ended) schedule(channel, 0);
      return;
    }
    if (channel.loop && !channel.leased) {
      // We polled alone while Redis was down; the holder is back: listen to it.
      stopLoop(channel);
    }
    deliver(channel, message.event);
  };

  const subscribe = async (channel: Channel) => {
    try {
      const subscriber = await connection.subscriber();
      if (channel.closed) return;
      await subscriber.subscribe(keys.events(channel.taskId), channel.onMessage);
      channel.subscribed = true;
      if (channel.closed) await subscriber.unsubscribe(keys.events(channel.taskId), channel.onMessage);
    } catch (error) {
      options.onError(error);
    }
  };

  /** Joins the task: channel, latest state for a late joiner, then the first claim. */
  const start = async (channel: Channel) => {
    await subscribe(channel);
    try {
      const latest = await connection.command<string | null>('watchers.latest', [
        'GET',
        keys.latest(channel.taskId),
      ]);
      const message = latest === null ? undefined : decodeWatchMessage(latest);
      // Something newer may have arrived on the channel meanwhile: then the stored one is stale. Shown, not
      // delivered: even after a terminal state a new subscriber starts a fresh loop (its first poll answers
      // at once), as with the memory registry, rather than trusting a stored state.
      if (message && 'event' in message && channel.latest === undefined) show(channel, message.event);
    } catch (error) {
      options.onError(error);
    }
    await tick(channel);
  };

  const close = (channel: Channel) => {
    channel.closed = true;
    clearTimeout(channel.timer);
    channel.timer = undefined;
    stopLoop(channel);
    if (channels.get(channel.taskId) === channel) channels.delete(channel.taskId);
    const leased = channel.leased;
    channel.leased = false;
    track(
      (async () => {
        if (leased) await release(channel);
        if (channel.subscribed) {
          channel.subscribed = false;
          const subscriber = await connection.subscriber();
          await subscriber.unsubscribe(keys.events(channel.taskId), channel.onMessage);
        }
      })(),
    );
  };

  return {
    subscribe(taskId, poll, listener) {
      let channel = channels.get(taskId);
      if (!channel) {
        const created: Channel = {
          taskId,
          token: `${instanceId}:${++sequence}`,
          poll,
          listeners: new Set([listener]),
          latest: undefined,
          loop: undefined,
          leased: false,
          subscribed: false,
          heardAt: Date.now(),
          ended: false,
          closed: false,
          timer: undefined,
          onMessage: (text) => {
            const message = decodeWatchMessage(text);
            if (message) onMessage(created, message);
          },
        };
        channel = created;
        channels.set(taskId, created);
        track(start(created));
      } else {
        channel.listeners.add(listener);
        if (channel.latest) listener(channel.latest);
      }
      const joined = channel;
      return () => {
        joined.listeners.delete(listener);
        if (joined.listeners.size === 0 && !joined.closed) close(joined);
      };
    },
    activeLoops: () => [...channels.values()].filter((channel) => channel.loop !== undefined).length,
    close() {
      for (const channel of [...channels.values()]) close(channel);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
