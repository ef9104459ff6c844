// useCharacterPerformance against a real Express app with the actkit router and the emulator upstream.
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { EventSource } from 'eventsource';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ActkitOptions, useCharacterPerformance } from '../src/index.js';
import { type ActkitApp, startActkitApp, validInput } from './helpers/actkit-app.js';

let app: ActkitApp;
beforeAll(async () => {
  // Long enough that a poll lands in RUNNING on a loaded machine (the Next.js backend is another process).
  app = await startActkitApp({ taskMs: 2000 });
});
afterAll(() => app.close());
afterEach(cleanup);

const transports: [string, Omit<ActkitOptions, 'baseUrl'>, string][] = [
  ['Server-Sent Events', { EventSource }, 'GET /tasks/:handle/events'],
  ['polling (no EventSource)', { pollMs: 100 }, 'GET /tasks/:handle'],
];

describe.each(transports)('over %s', (_name, transport, route) => {
  it('starts a task, reports progress and ends SUCCEEDED with the output', async () => {
    app.requests.length = 0;
    const { result } = renderHook(() => useCharacterPerformance({ baseUrl: app.baseUrl, ...transport }));
    expect(result.current.status).toBe('idle');
    const seen = new Set<string>();
    const progress: number[] = [];
    let started: Awaited<ReturnType<typeof result.current.start>>;
    await act(async () => {
      started = await result.current.start(validInput);
    });
    expect(started!).toMatchObject({ status: expect.any(String), handle: expect.any(String) });
    await waitFor(
      () => {
        seen.add(result.current.status);
        progress.push(result.current.progress);
        expect(result.current.status).toBe('SUCCEEDED');
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(result.current.progress).toBe(1);
    expect(result.current.output?.[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+/);
    expect(result.current.error).toBeUndefined();
    expect(result.current.task?.handle).toBe(started!.handle);
    // It moved through RUNNING with progress between 0 and 1 that never went backwards.
    expect(seen).toContain('RUNNING');
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Only the contract's fields reach the browser: no provider id, no raw provider body.
    const contractFields = [
      'handle',
      'status',
      'progress',
      'createdAt',
      'output',
      'failure',
      'failureCode',
      'retryable',
    ];
    expect(Object.keys(result.current.task!).filter((key) => !contractFields.includes(key))).toEqual([]);
    // The transport under test is the one that was used.
    expect(new Set(app.requests.map((r) => r.replace(/\/tasks\/[^/]+/, '/tasks/:handle')))).toEqual(
      new Set(['POST /character-performances', route]),
    );
  });
});

it('shows per-field errors for an invalid input and sends nothing upstream', async () => {
  app.emulator.resetStats();
  const { result } = renderHook(() => useCharacterPerformance({ baseUrl: app.baseUrl, EventSource }));
  await act(async () => {
    const task = await result.current.start({ ...validInput, expressionIntensity: 9, seed: -1 });
    expect(task).toBeUndefined();
  });
  expect(result.current.status).toBe('error');
  expect(result.current.error).toMatchObject({ status: 400 });
  expect(Object.keys(result.current.error!.fieldErrors).sort()).toEqual(['expressionIntensity', 'seed']);
  expect(result.current.error!.fieldErrors.expressionIntensity).toMatch(/5/);
  expect(app.emulator.stats.tasksCreated).toBe(0);
  expect(app.emulator.stats.requests).toBe(0);

  act(() => result.current.reset());
  expect(result.current.status).toBe('idle');
  expect(result.current.error).toBeUndefined();
});

function GenerateButton({ baseUrl }: { baseUrl: string }) {
  const { start, status } = useCharacterPerformance({ baseUrl, EventSource });
  return (
    <button type="button" onClick={() => void start(validInput)}>
      {status}
    </button>
  );
}

it('sends exactly one create per click under StrictMode', async () => {
  app.emulator.resetStats();
  const before = app.count('POST /character-performances');
  render(
    <StrictMode>
      <GenerateButton baseUrl={app.baseUrl} />
    </StrictMode>,
  );
  expect(app.count('POST /character-performances')).toBe(before);
  fireEvent.click(screen.getByRole('button'));
  await waitFor(() => expect(screen.getByRole('button').textContent).toBe('SUCCEEDED'), { timeout: 10_000 });
  expect(app.count('POST /character-performances')).toBe(before + 1);
  expect(app.emulator.stats.tasksCreated).toBe(1);
});

it('ends FAILED with the failure in words and its code; that is a task outcome, not a request error', async () => {
  const { result } = renderHook(() => useCharacterPerformance({ baseUrl: app.baseUrl, EventSource }));
  await act(async () => {
    await result.current.start({
      ...validInput,
      character: { type: 'image', uri: 'https://assets.example.com/fail-moderation.png' },
    });
  });
  await waitFor(() => expect(result.current.status).toBe('FAILED'), { timeout: 10_000 });
  expect(result.current.task).toMatchObject({ failureCode: 'SAFETY.INPUT.IMAGE', retryable: false });
  expect(result.current.task?.failure).toMatch(/moderation/);
  expect(result.current.output).toBeUndefined();
  expect(result.current.error).toBeUndefined();
});
