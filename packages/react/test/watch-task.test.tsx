// useTask against a real Express app with the actkit router and the emulator upstream: resuming by handle,
// one shared connection for many components, the polling fallback and errors for unknown handles.
import { cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { EventSource } from 'eventsource';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { type ActkitOptions, type TaskState, useTask } from '../src/index.js';
import { openConnections } from '../src/task-store.js';
import { type ActkitApp, startActkitApp, validInput } from './helpers/actkit-app.js';

let app: ActkitApp;
beforeAll(async () => {
  app = await startActkitApp({ taskMs: 800 });
});
afterAll(() => app.close());
afterEach(cleanup);

/** Creates a task the way another page (or the page before a reload) did, and returns its handle. */
async function startTask(baseUrl = app.baseUrl): Promise<string> {
  const response = await fetch(`${baseUrl}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(validInput),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { task: { handle: string } }).task.handle;
}

const done = (state: TaskState) => expect(state.status).toBe('SUCCEEDED');

it('resumes a task by its handle after a reload (the handle kept in sessionStorage)', async () => {
  sessionStorage.setItem('actkit-handle', await startTask());
  // A fresh mount, as after a reload: all it has is the stored handle.
  const { result } = renderHook(() =>
    useTask(sessionStorage.getItem('actkit-handle'), { baseUrl: app.baseUrl, EventSource }),
  );
  expect(result.current.status).toBe('loading');
  await waitFor(() => done(result.current), { timeout: 10_000 });
  expect(result.current.task?.handle).toBe(sessionStorage.getItem('actkit-handle'));
  expect(result.current.output).toHaveLength(1);
});

it('is idle without a handle and opens nothing', async () => {
  await waitFor(() => expect(openConnections()).toBe(0)); // the previous test's connection closes a tick late
  app.requests.length = 0;
  const { result } = renderHook(() => useTask(null, { baseUrl: app.baseUrl, EventSource }));
  expect(result.current).toMatchObject({ status: 'idle', task: undefined, progress: 0, error: undefined });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(openConnections()).toBe(0);
  expect(app.requests).toEqual([]);
});

function Progress({ handle, options }: { handle: string; options: ActkitOptions }) {
  const { status, progress } = useTask(handle, options);
  return (
    <p data-testid="watcher">
      {status} {Math.round(progress * 100)}%
    </p>
  );
}

it('shares one event stream between components watching one task, under StrictMode', async () => {
  const handle = await startTask();
  app.requests.length = 0;
  const options = { baseUrl: app.baseUrl, EventSource };
  render(
    <StrictMode>
      <Progress handle={handle} options={options} />
      <Progress handle={handle} options={options} />
      <Progress handle={handle} options={{ ...options }} />
    </StrictMode>,
  );
  await waitFor(
    () => {
      for (const watcher of screen.getAllByTestId('watcher'))
        expect(watcher.textContent).toBe('SUCCEEDED 100%');
    },
    { timeout: 10_000 },
  );
  expect(app.requests).toEqual([`GET /tasks/${handle}/events`]);
});

it('shares one polling loop too, and stops it at the terminal state', async () => {
  const handle = await startTask();
  app.requests.length = 0;
  const options = { baseUrl: app.baseUrl, pollMs: 150 };
  render(
    <>
      <Progress handle={handle} options={options} />
      <Progress handle={handle} options={options} />
    </>,
  );
  await waitFor(
    () => {
      for (const watcher of screen.getAllByTestId('watcher'))
        expect(watcher.textContent).toBe('SUCCEEDED 100%');
    },
    { timeout: 10_000 },
  );
  const polls = app.count('GET /tasks/:handle');
  // One loop: 0.8 s of task at 150 ms growing by 1.5x is about five polls, not twice that.
  expect(polls).toBeGreaterThan(1);
  expect(polls).toBeLessThanOrEqual(8);
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(app.count('GET /tasks/:handle')).toBe(polls);
});

it('falls back to polling when the event stream fails', async () => {
  const failing = await startActkitApp({ taskMs: 800, failEventsWith: 503 });
  try {
    const handle = await startTask(failing.baseUrl);
    const { result } = renderHook(() =>
      useTask(handle, { baseUrl: failing.baseUrl, EventSource, pollMs: 100 }),
    );
    await waitFor(() => done(result.current), { timeout: 10_000 });
    expect(failing.count('GET /tasks/:handle/events')).toBe(1);
    expect(failing.count('GET /tasks/:handle')).toBeGreaterThan(0);
    expect(result.current.error).toBeUndefined();
  } finally {
    await failing.close();
  }
});

it.each([
  ['event stream', { EventSource }],
  ['polling', { pollMs: 100 }],
])('reports an unknown or forged handle as a 404 problem (%s) and stops asking', async (_name, transport) => {
  app.requests.length = 0;
  const { result } = renderHook(() => useTask('v1.forged.handle', { baseUrl: app.baseUrl, ...transport }));
  await waitFor(() => expect(result.current.status).toBe('error'));
  expect(result.current.error).toMatchObject({ status: 404, title: expect.any(String) });
  const asked = app.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(app.requests.length).toBe(asked);
});

it.each([
  ['uses the global EventSource when there is one', {}, 'GET /tasks/:handle/events'],
  [
    'polls when told EventSource: false, even with a global one',
    { EventSource: false, pollMs: 100 },
    'GET /tasks/:handle',
  ],
] as const)('%s', async (_name, transport, route) => {
  vi.stubGlobal('EventSource', EventSource);
  try {
    const handle = await startTask();
    app.requests.length = 0;
    const { result } = renderHook(() => useTask(handle, { baseUrl: app.baseUrl, ...transport }));
    await waitFor(() => done(result.current), { timeout: 10_000 });
    expect(new Set(app.requests.map((r) => r.replace(handle, ':handle')))).toEqual(new Set([route]));
  } finally {
    vi.unstubAllGlobals();
  }
});
