// "Your tasks": every task this browser's owner started, newest first, from the server's task ledger
// (useTasks). It survives a reload and lists even a task whose answer never reached the page. Unfinished
// rows follow their task live; "Show" puts a task into the panel (and the URL).
import { isTerminalStatus, type Task, type TaskList as TaskListState, useTask } from '@actkit/react';
import { statusWords } from '../lib/status-words.js';

const actkit = { baseUrl: '/api/actkit' };

export interface TaskListProps {
  list: TaskListState;
  /** The handle shown in the panel, marked in the list. */
  current: string | null;
  onShow: (handle: string) => void;
}

export function TaskList({ list, current, onShow }: TaskListProps) {
  const { tasks, loading, hasMore, loadMore, error } = list;
  return (
    <section className="card task-list" aria-label="Your tasks">
      <h2>Your tasks</h2>
      {error && (
        <p className="failure" role="alert">
          Cannot list your tasks: {error.title}.
        </p>
      )}
      {tasks.length === 0 && !loading && !error && (
        <p className="empty">None yet. Every task you start is kept here, even across reloads.</p>
      )}
      <ol>
        {tasks.map((task) => (
          <TaskRow key={task.handle} listed={task} current={task.handle === current} onShow={onShow} />
        ))}
      </ol>
      {hasMore && (
        <button type="button" className="link-button" disabled={loading} onClick={loadMore}>
          Show older tasks
        </button>
      )}
    </section>
  );
}

function TaskRow({
  listed,
  current,
  onShow,
}: {
  listed: Task;
  current: boolean;
  onShow: (h: string) => void;
}) {
  // A finished task never changes: only unfinished rows open a live connection (shared with the panel's).
  const live = useTask(isTerminalStatus(listed.status) ? null : listed.handle, actkit);
  const task = live.task ?? listed;
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
