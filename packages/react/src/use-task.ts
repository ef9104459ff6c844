// Watch a task by its handle: after a page reload (keep the handle in the URL or sessionStorage), or in a
// component other than the one that started it. Components watching one task share one connection.

import { useCallback, useSyncExternalStore } from 'react';
import type { ActkitOptions } from './actkit-options.js';
import { followTask } from './follow-task.js';
import { describeTask, type TaskState } from './task-state.js';
import { EMPTY, readTask, watchTask } from './task-store.js';

const noop = () => {};

export function useTask(handle: string | null | undefined, options: ActkitOptions): TaskState {
  const key = handle ? `${options.baseUrl} ${handle}` : '';
  // The first subscriber's options open the shared connection; later ones with the same key join it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: options only matter when the key changes
  const subscribe = useCallback(
    (listener: () => void) =>
      handle ? watchTask(key, (publish) => followTask(options, handle, publish), listener) : noop,
    [key],
  );
  const { task, error } = useSyncExternalStore(
    subscribe,
    () => readTask(key),
    () => EMPTY,
  );
  return describeTask(task, error, handle ? 'loading' : 'idle');
}
