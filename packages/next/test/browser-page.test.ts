// The test app's page (a client component using @actkit/react's useCharacterPerformance against the app's own
// route) in headless Chromium: Generate → live status over SSE → SUCCEEDED with the video. The browser only
// ever talks to the Next app; it never sees the provider's origin or the key.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../../apps/demo/test/helpers/chromium.ts';
import { type RunningNextApp, startTestApp } from './helpers.js';

let test: RunningNextApp;
let browser: Browser;

beforeAll(async () => {
  test = await startTestApp({ emulator: { taskMs: 1500 }, owner: { fixed: 'browser-user' } });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await test?.close();
});

it('runs a task to SUCCEEDED from the page, following it over SSE', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(test.app.origin);
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.getByTestId('status').filter({ hasText: 'SUCCEEDED' }).waitFor({ timeout: 20_000 });
  const src = await page.getByTestId('video').getAttribute('src');
  expect(src).toMatch(/\/outputs\/[\w-]+\.mp4(\?|$)/); // the emulator signs output URLs (a query)
  const api = requests.filter((url) => url.includes('/api/actkit/'));
  expect(api.some((url) => url.endsWith('/character-performances'))).toBe(true);
  expect(api.some((url) => url.endsWith('/events'))).toBe(true);
  // Only the app's own origin, and the output video (served from the emulator, standing in for Runway's CDN).
  const apiKeyOrProvider = requests.filter(
    (url) => url.includes('next-test-key') || url.includes('/runwayml/'),
  );
  expect(apiKeyOrProvider).toEqual([]);
  expect(test.emulator.stats.tasksCreated).toBe(1);
  await page.close();
});
