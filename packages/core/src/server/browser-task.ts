// The task as the browser sees it: the contract's Task, built field by field from core's normalised task
// (never spread), so `raw`, the provider id and anything else the provider sent can never slip through. A
// failure is told in actkit's own words (explainFailure): the provider's `failure` text stays server-side.
import { explainFailure } from '../index.js';
import type { Task } from '../task.js';
import type { BrowserTask } from './types.js';

/**
 * A provider failure code the browser may see: one of Runway's families (api-facts, "Failure codes") in the
 * code's own shape (`SAFETY.INPUT.IMAGE`). Anything else is provider text (a gateway can put anything in the
 * field), kept server-side like `failure`.
 */
const failureCodeShape =
  /^(?:SAFETY|INPUT_PREPROCESSING|ASSET|THIRD_PARTY|INTERNAL|CANCELLED)(?:\.[A-Z0-9_]{1,32}){0,4}$/;

/**
 * The failure fields of a FAILED task as the browser sees them: actkit's words for the code (never the
 * provider's `failure` text), the code when it looks like one, and whether a retry could help. Shared by
 * task reads and the ledger's list.
 */
export function browserFailure(
  failureCode: string | undefined,
  retryable: boolean,
): Pick<BrowserTask, 'failure' | 'failureCode' | 'retryable'> {
  const view: Pick<BrowserTask, 'failure' | 'failureCode' | 'retryable'> = {
    failure: explainFailure(failureCode).title,
  };
  if (failureCode !== undefined && failureCodeShape.test(failureCode)) view.failureCode = failureCode;
  view.retryable = retryable;
  return view;
}

export function toBrowserTask(task: Task, handle: string): BrowserTask {
  const view: BrowserTask = {
    handle,
    status: task.status,
    progress: Math.min(1, Math.max(0, task.progress)),
    createdAt: task.createdAt,
  };
  if (task.status === 'SUCCEEDED') view.output = [...task.output];
  if (task.status === 'FAILED') Object.assign(view, browserFailure(task.failureCode, task.retryable));
  return view;
}
