// One upstream loop per task in this process, shared by every watcher of it (SSE fan-out). K browsers
// watching one task cost one poller, not K. The latest state is kept so a late joiner gets it at once.

import { isTerminal } from '../index.js';
import type { Task } from '../task.js';
import type { ActkitWatcherRegistry, TaskPoller, TaskWatchEvent } from './store.js';

interface Channel {
  listeners: Set<(event: TaskWatchEvent) => void>;
  latest: TaskWatchEvent | undefined;
  abort: AbortController;
}

export function createMemoryWatcherRegistry(): ActkitWatcherRegistry {
  const channels = new Map<string, Channel>();

  const publish = (channel: Channel, event: TaskWatchEvent) => {
    channel.latest = event;
    for (const listener of [...channel.listeners]) listener(event);
  };

  const run = async (taskId: string, channel: Channel, poll: TaskPoller) => {
    try {
      for await (const task of poll(taskId, channel.abort.signal)) {
        publish(channel, { type: 'task', task });
        if (isTerminal(task as Task)) break;
      }
    } catch (error) {
      if (!channel.abort.signal.aborted) publish(channel, { type: 'error', error });
    } finally {
      // The loop is over (terminal, error or aborted): the next subscriber starts a fresh one.
      if (channels.get(taskId) === channel) channels.delete(taskId);
    }
  };

  return {
    subscribe(taskId, poll, listener) {
      let channel = channels.get(taskId);
      if (!channel) {
        channel = { listeners: new Set(), latest: undefined, abort: new AbortController() };
        channels.set(taskId, channel);
        channel.listeners.add(listener);
        void run(taskId, channel, poll);
      } else {
        channel.listeners.add(listener);
        if (channel.latest) listener(channel.latest);
      }
      const joined = channel;
      return () => {
        joined.listeners.delete(listener);
        if (joined.listeners.size === 0) {
          joined.abort.abort();
          if (channels.get(taskId) === joined) channels.delete(taskId);
        }
      };
    },
    activeLoops: () => channels.size,
    close() {
      for (const channel of channels.values()) channel.abort.abort();
      channels.clear();
    },
  };
}
