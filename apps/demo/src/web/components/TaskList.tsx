// "Your tasks": every task this browser's owner started, newest first, from the server's task ledger
// (useTasks). It survives a reload and lists even a task whose answer never reached the page. Rows show
// what the list says, read again while one is unfinished (use-list-refresh.ts); the row of the task in the
// panel shows the panel's live state. No row opens a connection of its own. "Show" puts a task into the
// panel (and the URL).
import {
  type ActkitProblemError,
  isTerminalStatus,
  type Task,
  type TaskList as TaskListState,
} from '@actkit/react';
import { statusWords } from '../lib/status-words.js';

export interface TaskListProps {
  list: TaskListState;
  /** The handle shown in the panel, marked in the list. */
  current: string | null;
  /** The panel's live state of `current`, when it has one: fresher than the list's. */
  currentTask: Task | undefined;
  onShow: (handle: string) => void;
  /** Shows more rows (older tasks). */
  onMore: () => void;
}

/** Why the list could not be read, in words (the server's own when it gave some). */
function listProblemWords(error: ActkitProblemError): string {
  if (error.status === 0) return 'The server did not answer; check your connection.';
  return error.detail ?? `${error.title} (HTTP ${error.status}).`;
}

export function TaskList({ list, current, currentTask, onShow, onMore }: TaskListProps) {
  const { tasks, loading, hasMore, error, refresh } = list;
  return (
    <section className="card task-list" aria-label="Your tasks">
      <h2>Your tasks</h2>
      {error && (
        <div className="failure" role="alert" data-list-error={error.status}>
          <p className="failure-title">Your tasks cannot be read right now.</p>
          <p>{listProblemWords(error)}</p>
          <p>
            {tasks.length > 0 && 'The rows below may be out of date. '}
            <button type="button" className="link-button" disabled={loading} onClick={refresh}>
              Try again
            </button>
          </p>
        </div>
      )}
      {tasks.length === 0 && !loading && !error && (
        <p className="empty">None yet. Every task you start is kept here, even across reloads.</p>
      )}
      <ol>
        {tasks.map((listed) => (
          <TaskRow
            key={listed.handle}
            task={listed.handle === current && currentTask ? currentTask : listed}
            current={listed.handle === current}
            onShow={onShow}
          />
        ))}
      </ol>
      {hasMore && (
        <button type="button" className="link-button" disabled={loading} onClick={onMore}>
          Show older tasks
        </button>
      )}
    </section>
  );
}

function TaskRow({ task, current, onShow }: { task: Task; current: boolean; onShow: (h: string) => void }) {
  const percent = Math.round(task.progress * 100);
  const running = !isTerminalStatus(task.status);
  return (
    <li data-status={task.status} aria-current={current ? 'true' : undefined}>
      <span className="task-time">{new Date(task.createdAt).toLocaleTimeString()}</span>
      <span className="task-status">
        {statusWords[task.status]}
        {running && ` · ${percent}%`}
      </span>
      {task.status === 'UNKNOWN' && <span className="hint">{task.reason}</span>}
      {current ? (
        <span className="hint">shown</span>
      ) : (
        <button type="button" className="link-button" onClick={() => onShow(task.handle)}>
          Show
        </button>
      )}
    </li>
  );
}
