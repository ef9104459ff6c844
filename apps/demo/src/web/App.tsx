// The demo page: the form starts a task through the app's own backend; the panel follows the task named in
// the URL, so a reload resumes it.
import {
  type CharacterPerformanceStartInput,
  useCharacterPerformance,
  useTask,
  useTasks,
} from '@actkit/react';
import { useEffect, useState } from 'react';
import { ModeBanner } from './components/ModeBanner.js';
import { PerformanceForm } from './components/PerformanceForm.js';
import { TaskList } from './components/TaskList.js';
import { TaskPanel } from './components/TaskPanel.js';
import { readTaskFromUrl, writeTaskToUrl } from './lib/task-in-url.js';
import { useDemoSetup } from './lib/use-demo-setup.js';
import { useListRefresh } from './lib/use-list-refresh.js';

// Where the backend mounts the actkit contract (Express router or Nest module: the same path). A module
// constant, so the hooks get the same options object on every render.
const actkit = { baseUrl: '/api/actkit' };
/** Rows in "Your tasks" at first, and how many more "Show older tasks" adds (the contract allows 100). */
const rowsStep = 5;
const maxRows = 100;

export function App() {
  const setup = useDemoSetup();
  const [handle, setHandle] = useState<string | null>(readTaskFromUrl);
  // The seed the server sent for the task started here (only the create's answer carries it).
  const [seed, setSeed] = useState<number | undefined>(undefined);
  const creation = useCharacterPerformance(actkit);
  const followed = useTask(handle, actkit);
  // The newest `rows` tasks, as ONE page: reading it again (use-list-refresh.ts) refreshes every row shown.
  const [rows, setRows] = useState(rowsStep);
  const list = useTasks({ ...actkit, limit: rows });
  useListRefresh(list);

  // A create that failed ambiguously is in the ledger as "may exist": list it. A 400 (the server's, or a file
  // the page refused before sending anything) left no record, so it costs no request.
  const failed = creation.error;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh once per new failure
  useEffect(() => {
    if (failed && failed.status !== 400) list.refresh();
  }, [failed]);

  async function generate(input: CharacterPerformanceStartInput) {
    const task = await creation.start(input);
    if (!task) return; // a problem: the form shows it
    list.refresh();
    show(task.handle, task.seed);
  }

  function show(next: string, nextSeed?: number) {
    writeTaskToUrl(next);
    setHandle(next);
    setSeed(nextSeed);
  }

  function clear() {
    creation.reset();
    writeTaskToUrl(null);
    setHandle(null);
    setSeed(undefined);
  }

  const ready = setup.samples !== undefined || setup.error !== undefined;
  return (
    <main>
      <header>
        <h1>actkit demo</h1>
        <p className="lede">
          Runway Act-Two character performance: a character image or video acts out a reference performance.
          The browser talks only to this server; the CometAPI key never leaves it.
        </p>
      </header>
      <ModeBanner info={setup.info} error={setup.error} />
      <div className="layout">
        {ready ? (
          <PerformanceForm
            samples={setup.samples}
            mode={setup.info?.mode}
            busy={creation.status === 'starting'}
            problem={creation.error}
            onSubmit={generate}
          />
        ) : (
          <p className="card">Loading the sample assets…</p>
        )}
        <div className="side">
          <TaskPanel handle={handle} seed={seed} state={followed} onClear={clear} />
          <TaskList
            list={list}
            current={handle}
            currentTask={followed.task}
            onShow={show}
            onMore={() => setRows((shown) => Math.min(maxRows, shown + rowsStep))}
          />
        </div>
      </div>
    </main>
  );
}
