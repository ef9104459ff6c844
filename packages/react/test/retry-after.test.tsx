// ActkitProblemError.retryAfterMs, from a real Express backend's answers: a 429 from the per-user limits
// and a 503 when the video provider (the emulator) rate-limits the create, each with Retry-After; other
// problems carry none.
import { act, cleanup, renderHook } from '@testing-library/react';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { useCharacterPerformance } from '../src/index.js';
import { type ActkitApp, startActkitApp, validInput } from './helpers/actkit-app.js';

let app: ActkitApp;
beforeAll(async () => {
  // One start per minute for the one user of this app.
  app = await startActkitApp({ taskMs: 60_000, limits: { createsPerMinute: 1 } });
});
afterAll(() => app.close());
afterEach(cleanup);

async function startOnce() {
  const { result } = renderHook(() => useCharacterPerformance({ baseUrl: app.baseUrl, EventSource }));
  await act(async () => {
    await result.current.start(validInput);
  });
  return result.current;
}

it('a 429 from the per-user limits carries Retry-After as retryAfterMs', async () => {
  const first = await startOnce();
  expect(first.error).toBeUndefined();
  const second = await startOnce();
  expect(second.error).toMatchObject({ name: 'ActkitProblemError', status: 429 });
  // The window is one minute: the wait is a positive number of whole seconds, at most 60 s.
  const waitMs = second.error?.retryAfterMs ?? Number.NaN;
  expect(waitMs).toBeGreaterThan(0);
  expect(waitMs).toBeLessThanOrEqual(60_000);
  expect(waitMs % 1000).toBe(0);
});

it("an upstream rate limit carries the provider's wait", async () => {
  const busy = await startActkitApp({ taskMs: 60_000 });
  try {
    busy.emulator.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 90 });
    const { result } = renderHook(() => useCharacterPerformance({ baseUrl: busy.baseUrl, EventSource }));
    await act(async () => {
      await result.current.start(validInput);
    });
    // The provider asked for 90 s, longer than the client sleeps: the backend answers at once (503 "busy",
    // or 429 where the adapter maps an upstream rate limit so) with that wait.
    expect([429, 503]).toContain(result.current.error?.status);
    expect(result.current.error?.retryAfterMs).toBe(90_000);
  } finally {
    await busy.close();
  }
});

it('other problems carry no retryAfterMs', async () => {
  const { result } = renderHook(() => useCharacterPerformance({ baseUrl: app.baseUrl, EventSource }));
  await act(async () => {
    await result.current.start({ ...validInput, expressionIntensity: 9 });
  });
  expect(result.current.error).toMatchObject({ status: 400 });
  expect(result.current.error?.retryAfterMs).toBeUndefined();
});
