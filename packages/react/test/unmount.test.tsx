// Unmounting closes what the hooks opened (event stream, polling loop, create request) and never updates
// state afterwards. A long emulator task keeps the task running while the test unmounts.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { useCharacterPerformance, useTask } from '../src/index.js';
import { openConnections } from '../src/task-store.js';
import { type ActkitApp, startActkitApp, validInput } from './helpers/actkit-app.js';

let app: ActkitApp;
beforeAll(async () => {
  app = await startActkitApp({ taskMs: 60_000 });
});
afterAll(() => app.close());
afterEach(cleanup);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startTask(): Promise<string> {
  const response = await fetch(`${app.baseUrl}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(validInput),
  });
  return ((await response.json()) as { task: { handle: string } }).task.handle;
}

it('closes the shared event stream when the last watcher unmounts', async () => {
  const handle = await startTask();
  const options = { baseUrl: app.baseUrl, EventSource };
  const first = renderHook(() => useTask(handle, options));
  const second = renderHook(() => useTask(handle, options));
  await waitFor(() => expect(first.result.current.status).toBe('RUNNING'));
  expect(second.result.current.status).toBe('RUNNING');
  expect(app.openStreams()).toBe(1);
  first.unmount();
  await sleep(100);
  expect(app.openStreams()).toBe(1); // the other component still watches
  second.unmount();
  await waitFor(() => expect(app.openStreams()).toBe(0));
  expect(openConnections()).toBe(0);
});

it('stops polling when the watcher unmounts', async () => {
  const handle = await startTask();
  const { result, unmount } = renderHook(() => useTask(handle, { baseUrl: app.baseUrl, pollMs: 50 }));
  await waitFor(() => expect(app.count('GET /tasks/:handle')).toBeGreaterThan(2));
  expect(['PENDING', 'THROTTLED', 'RUNNING']).toContain(result.current.status);
  unmount();
  await sleep(50);
  const polls = app.count('GET /tasks/:handle');
  await sleep(400);
  expect(app.count('GET /tasks/:handle')).toBe(polls);
});

it('aborts the create request on unmount and never sets state afterwards', async () => {
  const consoleError = vi.spyOn(console, 'error');
  const requests: Request[] = [];
  // Hold the answer back until after the unmount, so the request is surely in flight.
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const slowFetch = async (request: Request) => {
    requests.push(request);
    await released;
    return fetch(request);
  };
  const renders = vi.fn();
  const { result, unmount } = renderHook(() => {
    const performance = useCharacterPerformance({ baseUrl: app.baseUrl, fetch: slowFetch, EventSource });
    renders(performance.status);
    return performance;
  });
  let outcome: Promise<unknown> = Promise.resolve();
  act(() => {
    outcome = result.current.start(validInput);
  });
  expect(result.current.status).toBe('starting');
  const rendersBeforeUnmount = renders.mock.calls.length;
  unmount();
  expect(requests[0]?.signal.aborted).toBe(true);
  release();
  await expect(outcome).resolves.toBeUndefined();
  await sleep(100);
  expect(renders).toHaveBeenCalledTimes(rendersBeforeUnmount);
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});

it('reset aborts a create in flight and forgets the task', async () => {
  const requests: Request[] = [];
  const { result } = renderHook(() =>
    useCharacterPerformance({
      baseUrl: app.baseUrl,
      EventSource,
      fetch: (request) => {
        requests.push(request);
        return fetch(request);
      },
    }),
  );
  await act(async () => {
    await result.current.start(validInput);
  });
  await waitFor(() => expect(result.current.status).toBe('RUNNING'));
  expect(app.openStreams()).toBe(1);
  act(() => {
    void result.current.start(validInput);
    result.current.reset();
  });
  expect(requests[1]?.signal.aborted).toBe(true);
  expect(result.current).toMatchObject({ status: 'idle', task: undefined, error: undefined });
  await waitFor(() => expect(app.openStreams()).toBe(0));
});
