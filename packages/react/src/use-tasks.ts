// The signed-in owner's tasks (GET /tasks): the first page at once, the next with loadMore(), and
// refresh() to start over (after starting a task, say). Every task carries its handle: follow an
// unfinished one live with useTask(handle), which shares the connection of any other watcher of it.

import { useEffect, useState } from 'react';
import { type ActkitOptions, createActkitClient } from './actkit-options.js';
import type { Task, TaskStatus } from './contract.js';
import { type ActkitProblemError, settle } from './problem-error.js';

/** Options of `useTasks`: where the backend is, plus the list's own filter and page size. */
export interface TaskListOptions extends ActkitOptions {
  /** Only tasks with this status (`CREATING` and `UNKNOWN` included). */
  status?: TaskStatus;
  /** Tasks per page, 1–100; the server's default (20) when absent. */
  limit?: number;
}

export interface TaskList {
  /** Newest first: every page read so far. */
  tasks: Task[];
  /** A page is being read. */
  loading: boolean;
  /** The server has more: `loadMore()` reads the next page. */
  hasMore: boolean;
  /** The last read failed (`tasks` keeps what was read before); cleared by the next success. */
  error?: ActkitProblemError;
  /** Reads the next page and appends it; a no-op while loading or at the end. */
  loadMore: () => void;
  /** Reads the first page again, replacing the list. */
  refresh: () => void;
}

interface Pages {
  tasks: Task[];
  /** The next page's cursor. */
  next?: string;
  loading: boolean;
  error?: ActkitProblemError;
}

export function useTasks(options: TaskListOptions): TaskList {
  const [pages, setPages] = useState<Pages>({ tasks: [], loading: true });

  const load = async (cursor?: string) => {
    setPages((last) => ({ ...last, loading: true }));
    const { data, error } = await settle(
      createActkitClient(options).GET('/tasks', {
        params: { query: { status: options.status, limit: options.limit, cursor } },
      }),
    );
    // A next page extends the list only while it is the list it continues (no refresh came between).
    setPages((last) =>
      !data
        ? { ...last, loading: false, error }
        : cursor && cursor !== last.next
          ? last
          : {
              tasks: cursor ? [...last.tasks, ...data.tasks] : data.tasks,
              next: data.nextCursor,
              loading: false,
            },
    );
  };

  // The first page, again whenever what it depends on changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these four are everything `load` reads
  useEffect(() => {
    void load();
  }, [options.baseUrl, options.fetch, options.status, options.limit]);

  return {
    ...pages,
    hasMore: !!pages.next,
    loadMore: () => {
      if (pages.next && !pages.loading) void load(pages.next);
    },
    refresh: () => void load(),
  };
}
