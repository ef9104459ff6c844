// A framework-free registry of watched tasks, one entry per (baseUrl, handle), shared by every subscriber:
// the first subscriber opens the connection, the last one closes it. Closing waits one macrotask so React
// StrictMode's unsubscribe-resubscribe (and a component moving in the tree) reuses the open connection.
import type { Task } from './contract.js';
import type { ActkitProblemError } from './problem-error.js';

export interface TaskSnapshot {
  /** The latest known state of the task. */
  task?: Task;
  /** The latest failure to read it; cleared by the next state that arrives. */
  error?: ActkitProblemError;
}

type Publish = (task?: Task, error?: ActkitProblemError) => void;

interface WatchedTask {
  snapshot: TaskSnapshot;
  listeners: Set<() => void>;
  close?: () => void;
  closeTimer?: ReturnType<typeof setTimeout>;
}

/** The snapshot of a task nobody has heard about yet (and what server rendering sees). */
export const EMPTY: TaskSnapshot = {};
const watched = new Map<string, WatchedTask>();

/** The current snapshot; the same object until something changes (what useSyncExternalStore needs). */
export const readTask = (key: string): TaskSnapshot => watched.get(key)?.snapshot ?? EMPTY;

/** How many connections are open: for tests and debugging. */
export const openConnections = (): number => watched.size;

/**
 * Subscribes `listener` to the task under `key`, calling `open` to connect if nobody watches it yet.
 * Returns the unsubscribe function.
 */
export function watchTask(key: string, open: (publish: Publish) => () => void, listener: () => void) {
  const self = watched.get(key) ?? { snapshot: EMPTY, listeners: new Set() };
  watched.set(key, self);
  clearTimeout(self.closeTimer);
  self.listeners.add(listener);
  self.close ??= open((task, error) => {
    self.snapshot = { task: task ?? self.snapshot.task, error };
    for (const notify of self.listeners) notify();
  });
  return () => {
    self.listeners.delete(listener);
    if (self.listeners.size) return;
    self.closeTimer = setTimeout(() => {
      self.close?.();
      watched.delete(key);
    });
  };
}
