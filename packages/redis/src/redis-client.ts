// The part of a node-redis client this package uses, as a structural type: any `createClient()` of the
// `redis` package (v6) fits, whatever modules, scripts or RESP version it was made with, and the store never
// depends on the client's generic parameters.

/** A message listener of node-redis pub/sub: the message and the channel it came on. */
export type RedisMessageListener = (message: string, channel: string) => unknown;

/**
 * A node-redis client (`createClient()` from `redis` 6): the commands are sent with `sendCommand`, pub/sub
 * runs on a `duplicate()` of it.
 */
export interface RedisClientLike {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: readonly string[]): Promise<unknown>;
  duplicate(): RedisClientLike;
  subscribe(channels: string | string[], listener: RedisMessageListener): Promise<void>;
  unsubscribe(channels?: string | string[], listener?: RedisMessageListener): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
  destroy(): void;
}
