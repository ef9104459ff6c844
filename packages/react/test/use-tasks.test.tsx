// useTasks against a real Express app with the actkit router and the emulator upstream: the owner's list
// page by page, refresh, the status filter, problems, and a listed task followed with useTask sharing the
// connection its creator opened (the list gives the same handle the create answered).
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { useCharacterPerformance, useTask, useTasks } from '../src/index.js';
import { type ActkitApp, startActkitApp, validInput } from './helpers/actkit-app.js';

let app: ActkitApp;
beforeAll(async () => {
  app = await startActkitApp({ taskMs: 800 });
});
afterAll(() => app.close());
afterEach(cleanup);

async function startTask(): Promise<string> {
  const response = await fetch(`${app.baseUrl}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(validInput),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { task: { handle: string } }).task.handle;
}

it('reads the first page at once, the next with loadMore, newest first, and refresh starts over', async () => {
  const created = [await startTask(), await startTask(), await startTask()];
  const { result } = renderHook(() => useTasks({ baseUrl: app.baseUrl, limit: 2 }));
  expect(result.current).toMatchObject({ tasks: [], loading: true, hasMore: false });
  await waitFor(() => expect(result.current.loading).toBe(false));
  expect(result.current.tasks.map((task) => task.handle)).toEqual([created[2], created[1]]);
  expect(result.current.hasMore).toBe(true);
  expect(result.current.error).toBeUndefined();
  act(() => result.current.loadMore());
  await waitFor(() => expect(result.current.tasks).toHaveLength(3));
  expect(result.current.tasks.map((task) => task.handle)).toEqual([...created].reverse());
  expect(result.current.hasMore).toBe(false);
  expect(app.count('GET /tasks')).toBe(2);

  const newer = await startTask();
  act(() => result.current.refresh());
  await waitFor(() => expect(result.current.tasks[0]?.handle).toBe(newer));
  expect(result.current.tasks).toHaveLength(2); // the first page again, not appended
  expect(result.current.hasMore).toBe(true);
});

it('filters by status on the server, and reads again when the filter changes', async () => {
  const handle = await startTask();
  const { result, rerender } = renderHook(({ status }) => useTasks({ baseUrl: app.baseUrl, status }), {
    initialProps: { status: 'CREATING' as 'CREATING' | 'SUCCEEDED' },
  });
  await waitFor(() => expect(result.current.loading).toBe(false));
  expect(result.current.tasks).toEqual([]);
  // Read to the end (a read writes the state into the ledger), then list what succeeded.
  const { result: followed } = renderHook(() => useTask(handle, { baseUrl: app.baseUrl, EventSource }));
  await waitFor(() => expect(followed.current.status).toBe('SUCCEEDED'), { timeout: 10_000 });
  rerender({ status: 'SUCCEEDED' });
  await waitFor(() => expect(result.current.tasks.map((task) => task.handle)).toContain(handle));
  for (const task of result.current.tasks) expect(task.status).toBe('SUCCEEDED');
});

it('a refused read is an ActkitProblemError naming the bad parameter; the list stays as it was', async () => {
  const { result } = renderHook(() => useTasks({ baseUrl: app.baseUrl, limit: 500 }));
  await waitFor(() => expect(result.current.error).toBeDefined());
  expect(result.current.error).toMatchObject({ status: 400 });
  expect(result.current.error?.fieldErrors.limit).toMatch(/^must be a whole number from 1 to 100/);
  expect(result.current).toMatchObject({ tasks: [], loading: false, hasMore: false });
});

it('a listed task followed with useTask shares the connection its creator opened', async () => {
  const options = { baseUrl: app.baseUrl, EventSource };
  const streamsBefore = app.count('GET /tasks/:handle/events');
  const { result: creator } = renderHook(() => useCharacterPerformance(options));
  await act(async () => {
    await creator.current.start(validInput);
  });
  await waitFor(() => expect(app.openStreams()).toBe(1));
  const { result: list } = renderHook(() => useTasks(options));
  await waitFor(() => expect(list.current.tasks[0]?.handle).toBe(creator.current.task?.handle));
  const { result: item } = renderHook(() => useTask(list.current.tasks[0]?.handle, options));
  await waitFor(() => expect(item.current.status).toBe('SUCCEEDED'), { timeout: 10_000 });
  expect(app.count('GET /tasks/:handle/events') - streamsBefore).toBe(1);
});
