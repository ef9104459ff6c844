// A FAILED (or CANCELLED) task in words: what happened, what to do, and the provider's own message and code.
import type { Task } from '@actkit/react';
import { explainFailure } from '../lib/failure-explanation.js';

export function FailureMessage({ task }: { task: Task }) {
  const code = task.status === 'CANCELLED' ? 'CANCELLED' : task.failureCode;
  const { title, advice } = explainFailure(code);
  return (
    <div className="failure" role="alert" data-failure-code={code ?? ''}>
      <p className="failure-title">{title}</p>
      <p>{advice}</p>
      {(task.failure || code) && (
        <p className="hint">
          {task.failure && <>Provider says: “{task.failure}” </>}
          {code && <code>{code}</code>}
          {task.retryable !== undefined &&
            ` · ${task.retryable ? 'retrying may help' : 'retrying will not help'}`}
        </p>
      )}
    </div>
  );
}
