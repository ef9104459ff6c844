// The demo page: the form starts a task through the app's own backend; the panel follows the task named in
// the URL, so a reload resumes it.
import { type CharacterPerformanceInput, useCharacterPerformance, useTask, useTasks } from '@actkit/react';
import { useState } from 'react';
import { ModeBanner } from './components/ModeBanner.js';
import { PerformanceForm } from './components/PerformanceForm.js';
import { TaskList } from './components/TaskList.js';
import { TaskPanel } from './components/TaskPanel.js';
import { readTaskFromUrl, writeTaskToUrl } from './lib/task-in-url.js';
import { useDemoSetup } from './lib/use-demo-setup.js';

// Where the backend mounts the actkit contract (Express router or Nest module: the same path). A module
// constant, so the hooks get the same options object on every render.
const actkit = { baseUrl: '/api/actkit' };
const yourTasks = { ...actkit, limit: 5 };

export function App() {
  const setup = useDemoSetup();
  const [handle, setHandle] = useState<string | null>(readTaskFromUrl);
  const creation = useCharacterPerformance(actkit);
  const followed = useTask(handle, actkit);
  const list = useTasks(yourTasks);

  async function generate(input: CharacterPerformanceInput) {
    const task = await creation.start(input);
    // Listed either way: a create that failed ambiguously is in the ledger as "may exist".
    list.refresh();
    if (!task) return; // a problem: the form shows it
    show(task.handle);
  }

  function show(next: string) {
    writeTaskToUrl(next);
    setHandle(next);
  }

  function clear() {
    creation.reset();
    writeTaskToUrl(null);
    setHandle(null);
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
          <TaskPanel handle={handle} state={followed} onClear={clear} />
          <TaskList list={list} current={handle} onShow={show} />
        </div>
      </div>
    </main>
  );
}
