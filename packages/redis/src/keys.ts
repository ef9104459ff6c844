// Every key and channel name the store uses, in one place, all under the app's prefix: two apps (or a test
// per file) share one Redis without seeing each other's state, and `redis-cli --scan --pattern 'actkit:*'`
// shows everything actkit keeps.

export const defaultKeyPrefix = 'actkit:';

export interface RedisKeys {
  /** Rolling-window log of one counter key (sorted set: member per event, scored by its time in ms). */
  window(key: string): string;
  /** Slots of one counter key (sorted set: member per slot, scored by its expiry in ms). */
  slots(key: string): string;
  /** The latest known state of a provider task (string: JSON `{ task, readAt }`). */
  taskState(taskId: string): string;
  /** Who runs the upstream loop of a task (string: the holder's token, with a TTL). */
  lease(taskId: string): string;
  /** The last event the loop of a task published (string: JSON, with a TTL) for late joiners. */
  latest(taskId: string): string;
  /** The pub/sub channel on which a task's loop publishes. */
  events(taskId: string): string;
}

export function createRedisKeys(prefix: string): RedisKeys {
  return {
    window: (key) => `${prefix}window:${key}`,
    slots: (key) => `${prefix}slots:${key}`,
    taskState: (taskId) => `${prefix}task:${taskId}`,
    lease: (taskId) => `${prefix}lease:${taskId}`,
    latest: (taskId) => `${prefix}latest:${taskId}`,
    events: (taskId) => `${prefix}events:${taskId}`,
  };
}
