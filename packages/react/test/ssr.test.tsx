// @vitest-environment node
// Importing and server-rendering the hooks in plain Node (no window, no EventSource, no DOM) must work and
// open no connection: subscriptions only start in the browser, after hydration. The static imports below are
// themselves the import-time test: they run before any test, in an environment without browser globals.
import { renderToString } from 'react-dom/server';
import { expect, it } from 'vitest';
import { ActkitProblemError, useCharacterPerformance, useTask, useTasks } from '../src/index.js';
import { openConnections } from '../src/task-store.js';

const baseUrl = 'http://127.0.0.1:9/api/actkit';

function Page() {
  const performance = useCharacterPerformance({ baseUrl });
  const resumed = useTask('v1.handle.sig', { baseUrl });
  const list = useTasks({ baseUrl });
  return (
    <p>
      {performance.status}/{resumed.status}/{resumed.progress}/{list.loading ? 'listing' : 'listed'}
    </p>
  );
}

it('imports without a DOM and renders the idle and loading states on the server', () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  expect(typeof (globalThis as { EventSource?: unknown }).EventSource).toBe('undefined');
  expect(typeof ActkitProblemError).toBe('function');
  expect(renderToString(<Page />)).toBe(
    '<p>idle<!-- -->/<!-- -->loading<!-- -->/<!-- -->0<!-- -->/<!-- -->listing</p>',
  );
  expect(openConnections()).toBe(0);
});
