// The task being followed: live progress, then the video or the reason it failed.
import type { TaskState } from '@actkit/react';
import { statusWords } from '../lib/status-words.js';
import { FailureMessage } from './FailureMessage.js';
import { OutputVideo } from './OutputVideo.js';

export interface TaskPanelProps {
  handle: string | null;
  state: TaskState;
  onClear: () => void;
}

export function TaskPanel({ handle, state, onClear }: TaskPanelProps) {
  if (!handle) {
    return (
      <section className="card panel" aria-label="Task">
        <p className="empty">No task yet: press Generate. The result appears here.</p>
      </section>
    );
  }
  const { status, progress, task, output, error } = state;
  const percent = Math.round(progress * 100);
  const ended = status === 'FAILED' || status === 'CANCELLED' || status === 'UNKNOWN';
  return (
    <section className="card panel" aria-label="Task" data-status={status}>
      <div className="progress">
        <label htmlFor="task-progress">
          {/* A failed task's progress says nothing useful: the words below do. */}
          {ended ? statusWords[status] : `${statusWords[status]} · ${percent}%`}
        </label>
        <progress id="task-progress" max={1} value={progress} aria-valuetext={`${percent}%`} />
      </div>
      {status === 'error' && error && (
        <p className="failure" role="alert">
          {error.status === 404
            ? 'This task is not known to the server (it may have restarted, or the link belongs to another browser).'
            : `Cannot follow the task: ${error.title}${error.detail ? ` (${error.detail})` : ''}.`}
        </p>
      )}
      {status === 'SUCCEEDED' && output?.[0] && <OutputVideo src={output[0]} />}
      {status === 'UNKNOWN' && task?.reason && (
        <p className="failure" role="alert">
          {task.reason} Check before starting it again.
        </p>
      )}
      {ended && status !== 'UNKNOWN' && task && <FailureMessage task={task} />}
      <p className="hint">
        Reload the page at any time: the task is in the URL (<code>?task=…</code>) and the page picks it up
        again.{' '}
        <button type="button" className="link-button" onClick={onClear}>
          Clear
        </button>
      </p>
    </section>
  );
}
