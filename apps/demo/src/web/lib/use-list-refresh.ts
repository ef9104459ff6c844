// Keeps "Your tasks" current without a connection per row. A page holds one live connection, the panel's
// (a browser opens at most six to one server over HTTP/1.1, shared by every tab; one event stream per row
// would use them up and leave rows and reads hanging). Instead, while a listed task is unfinished, or the
// last read failed in a way that can pass, the list is read again: one GET /tasks for every row. The
// server's follower (the demo's onTaskSettled) writes what unwatched tasks do to the ledger it lists.
import { isTerminalStatus, type TaskList } from '@actkit/react';
import { useEffect } from 'react';

/** How often an unfinished list is read again, in ms (the emulator's tasks take seconds). */
export const listRefreshMs = 2000;

/** A failed read that reading again may fix: no answer, too many requests, a server or store outage. */
const passes = (status: number) => status === 0 || status === 429 || status >= 500;

/** Reads `list` again every `everyMs` (or after the server's Retry-After) while it is not settled. */
export function useListRefresh(list: TaskList, everyMs = listRefreshMs): void {
  const { error, loading, tasks } = list;
  const unfinished = tasks.some((task) => !isTerminalStatus(task.status));
  const due = !loading && (error ? passes(error.status) : unfinished);
  const waitMs = Math.max(everyMs, error?.retryAfterMs ?? 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is new each render; `tasks` and `error` change with every read, which is what re-arms the timer
  useEffect(() => {
    if (!due) return;
    const timer = setTimeout(list.refresh, waitMs);
    return () => clearTimeout(timer);
  }, [due, waitMs, tasks, error]);
}
