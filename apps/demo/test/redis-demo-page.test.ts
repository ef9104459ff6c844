// The demo page (real Chromium) on `REDIS_URL=…` while its Redis goes away and comes back, the demo process
// never restarted: the task in the panel still plays (read from the provider), "Your tasks" says in words
// that it cannot be read (the server's 503), a Generate says nothing was started, and once Redis is back
// the list reads again by itself.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../packages/redis/test/helpers/redis-server.ts';
import { type DemoServer, startDemoServer } from '../src/server/start-demo-server.js';
import { launchChromium } from './helpers/chromium.js';
import { clickGenerate, openDemo, waitForPlayingVideo, waitForTaskInUrl } from './helpers/demo-page.js';

let redis: RedisServer;
let demo: DemoServer | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
  [demo, browser] = await Promise.all([
    startDemoServer({
      port: 0,
      host: '127.0.0.1',
      apiKey: undefined,
      emulatorTaskMs: 1500,
      handleSecret: undefined,
      redisUrl: redis.url,
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await redis?.close();
});

/** The list's alert, or null when it shows none. */
const listAlert = (page: Page) =>
  page
    .getByRole('region', { name: 'Your tasks' })
    .getByRole('alert')
    .textContent({ timeout: 100 })
    .catch(() => null);

it('Redis down: the panel still plays, the list says why it cannot be read, and reads again once Redis is back', async () => {
  const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await context.newPage();
    await openDemo(page, demo!.url);
    await clickGenerate(page);
    await waitForTaskInUrl(page);
    await waitForPlayingVideo(page);
    const list = page.getByRole('region', { name: 'Your tasks' });
    await list.locator('li[data-status="SUCCEEDED"]').waitFor();

    await redis.stop();
    try {
      // A reload with the task in the URL: the panel reads it from the provider and plays it.
      await page.reload();
      await waitForPlayingVideo(page);
      // The list cannot be read without Redis: it says so in words, with the server's reason.
      const alert = list.getByRole('alert');
      await alert.waitFor();
      const words = await alert.textContent();
      expect(words).toContain('Your tasks cannot be read right now.');
      expect(words).toContain('The server cannot reach its task records right now');
      expect(words).not.toMatch(/redis|ECONNREFUSED|127\.0\.0\.1/i);
      // A Generate meanwhile: refused, in words, nothing started.
      await clickGenerate(page);
      const refused = page.locator('form [role="alert"]');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('nothing was started');
    } finally {
      await redis.start();
    }
    // Back (empty: it kept nothing): the page reads its list again on its own, no reload, no click.
    await list.getByText('None yet').waitFor({ timeout: 20_000 });
    expect(await listAlert(page)).toBeNull();
    await clickGenerate(page);
    await list.locator('li[data-status="SUCCEEDED"]').waitFor({ timeout: 20_000 });
  } finally {
    await context.close();
  }
});
