// The `200 { task }` answer of GET /tasks/{handle}, built and serialised once per state. A cached state is
// the same Task object for every read, so its browser view and JSON text are kept beside it (weakly: they go
// when the state leaves the cache) and a repeated GET does no toBrowserTask or JSON.stringify.
import type { Task } from '../task.js';
import { toBrowserTask } from './browser-task.js';
import type { BrowserTask } from './types.js';

export interface TaskResponseBody {
  json: { task: BrowserTask };
  body: string;
}

export function createTaskResponseBodies(): (task: Task, handle: string) => TaskResponseBody {
  // One entry per state: a task has one handle in practice (issued once, at create).
  const built = new WeakMap<Task, TaskResponseBody & { handle: string }>();
  return (task, handle) => {
    const known = built.get(task);
    if (known?.handle === handle) return known;
    const json = { task: toBrowserTask(task, handle) };
    const fresh = { handle, json, body: JSON.stringify(json) };
    built.set(task, fresh);
    return fresh;
  };
}
