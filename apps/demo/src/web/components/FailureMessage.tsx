// A FAILED (or CANCELLED) task in words: what happened, what to do, and the provider's code. The backend
// never passes the provider's own message on (it is for server logs); the words come from core's table.
import { explainFailure } from '@actkit/core';
import type { Task } from '@actkit/react';

export function FailureMessage({ task }: { task: Task }) {
  const code = task.status === 'CANCELLED' ? 'CANCELLED' : task.failureCode;
  const { title, advice } = explainFailure(code);
  return (
    <div className="failure" role="alert" data-failure-code={code ?? ''}>
      <p className="failure-title">{title}</p>
      <p>{advice}</p>
      {code && (
        <p className="hint">
          <code>{code}</code>
          {task.retryable !== undefined &&
            ` · ${task.retryable ? 'retrying may help' : 'retrying will not help'}`}
        </p>
      )}
    </div>
  );
}
