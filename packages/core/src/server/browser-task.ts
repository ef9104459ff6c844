// The task as the browser sees it: the contract's Task, built field by field from core's normalised task
// (never spread), so `raw`, the provider id and anything else the provider sent can never slip through.
import type { Task } from '../task.js';
import type { BrowserTask } from './types.js';

export function toBrowserTask(task: Task, handle: string): BrowserTask {
  const view: BrowserTask = {
    handle,
    status: task.status,
    progress: Math.min(1, Math.max(0, task.progress)),
    createdAt: task.createdAt,
  };
  if (task.status === 'SUCCEEDED') view.output = [...task.output];
  if (task.status === 'FAILED') {
    view.failure = task.failure;
    if (task.failureCode !== undefined) view.failureCode = task.failureCode;
    view.retryable = task.retryable;
  }
  return view;
}
