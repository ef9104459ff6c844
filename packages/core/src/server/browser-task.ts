// The task as the browser sees it: the contract's Task, built field by field from core's normalised task
// (never spread), so `raw`, the provider id and anything else the provider sent can never slip through. A
// failure is told in actkit's own words (explainFailure): the provider's `failure` text stays server-side.
import { explainFailure } from '../index.js';
import type { Task } from '../task.js';
import type { BrowserTask } from './types.js';

/** What a provider failure code looks like (`SAFETY.INPUT.IMAGE`); anything else is text, kept server-side. */
const failureCodeShape = /^[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+){0,5}$/;

export function toBrowserTask(task: Task, handle: string): BrowserTask {
  const view: BrowserTask = {
    handle,
    status: task.status,
    progress: Math.min(1, Math.max(0, task.progress)),
    createdAt: task.createdAt,
  };
  if (task.status === 'SUCCEEDED') view.output = [...task.output];
  if (task.status === 'FAILED') {
    view.failure = explainFailure(task.failureCode).title;
    if (task.failureCode !== undefined && failureCodeShape.test(task.failureCode)) {
      view.failureCode = task.failureCode;
    }
    view.retryable = task.retryable;
  }
  return view;
}
