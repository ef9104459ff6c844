// The demo as a person uses it, in a real Chromium, against the Express flavour with its in-process emulator
// (short tasks). What the emulator received is checked too: the page's inputs arrive, bad input never does.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../src/server/start-demo-server.js';
import { launchChromium } from './helpers/chromium.js';
import {
  clickGenerate,
  emulatorTaskIdOf,
  moderationCharacterUri,
  openDemo,
  waitForPlayingVideo,
  waitForProgressBetween,
  waitForTaskInUrl,
} from './helpers/demo-page.js';

const screenshotPath = path.resolve(import.meta.dirname, '../test-results/finished.png');
const createRoute = 'POST /runwayml/v1/character_performance';

let demo: DemoServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    startDemoServer({
      port: 0,
      host: '127.0.0.1',
      apiKey: undefined,
      emulatorTaskMs: 2500,
      handleSecret: 'browser-tests-handle-secret-0123456789',
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

// A new context per test is a new browser profile: a new session cookie, so a new task owner.
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

const emulator = () => {
  const found = demo.upstream.emulator;
  if (!found) throw new Error('the demo should run its emulator without COMETAPI_KEY');
  return found;
};

describe('demo page on the Express backend', () => {
  it('says it runs on the emulator, with the spec defaults in the form', async () => {
    await openDemo(page, demo.url);
    await expect(page.locator('[data-mode="emulator"]').textContent()).resolves.toContain('Emulator mode');
    expect(await page.locator('#ratio').inputValue()).toBe('1280:720');
    expect(await page.locator('#seed').inputValue()).toBe('1');
    expect(await page.locator('#expressionIntensity').inputValue()).toBe('1');
    expect(await page.locator('#publicFigureThreshold').inputValue()).toBe('auto');
    expect(await page.locator('#bodyControl').isChecked()).toBe(true);
    expect(await page.locator('#ratio option').allTextContents()).toEqual([
      '1280:720',
      '720:1280',
      '960:960',
      '1104:832',
      '832:1104',
      '1584:672',
    ]);
  });

  it('fills the form, shows live progress and plays the generated video', async () => {
    await openDemo(page, demo.url);
    await page.locator('#ratio').selectOption('960:960');
    await page.locator('#seed').fill('42');
    await page.locator('#bodyControl').uncheck();
    await page.locator('#expressionIntensity').fill('4');
    await page.locator('#publicFigureThreshold').selectOption('low');
    const started = Date.now();
    await clickGenerate(page);
    await waitForTaskInUrl(page);

    const midway = await waitForProgressBetween(page);
    expect(midway).toBeGreaterThan(0);
    const video = await waitForPlayingVideo(page);
    console.info(`generate → playing video: ${Date.now() - started} ms (emulator task 2500 ms)`);
    expect(video.readyState).toBeGreaterThanOrEqual(2);

    const download = page.getByRole('link', { name: 'Download the MP4' });
    expect(await download.getAttribute('href')).toBe(video.src);
    // The emulator got exactly what the form said.
    const taskId = emulatorTaskIdOf(video.src);
    expect(taskId).toBeDefined();
    const body = emulator().task(taskId as string)?.body;
    expect(body).toMatchObject({
      character: { type: 'image' },
      reference: { type: 'video' },
      ratio: '960:960',
      seed: 42,
      bodyControl: false,
      expressionIntensity: 4,
      contentModeration: { publicFigureThreshold: 'low' },
    });
    expect(body?.character.uri).toMatch(/^data:image\/png;base64,/);

    mkdirSync(path.dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  it('shows an invalid seed next to the seed field and sends nothing upstream', async () => {
    await openDemo(page, demo.url);
    const createsBefore = emulator().stats.byRoute[createRoute] ?? 0;
    const tasksBefore = emulator().stats.tasksCreated;

    for (const seed of ['-1', '5000000000']) {
      await page.locator('#seed').fill(seed);
      await clickGenerate(page);
      const error = page.locator('[data-field="seed"] .field-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/\S/);
      expect(await page.locator('#seed').getAttribute('aria-invalid')).toBe('true');
      // Only the seed is wrong: no other field shows an error.
      expect(await page.locator('.field-error').count()).toBe(1);
      await page.locator('#seed').fill('1'); // the next round must show the error again, not a stale one
    }
    expect(new URL(page.url()).searchParams.has('task')).toBe(false);
    expect(emulator().stats.byRoute[createRoute] ?? 0).toBe(createsBefore);
    expect(emulator().stats.tasksCreated).toBe(tasksBefore);
  });

  it('explains a moderation failure in words', async () => {
    await openDemo(page, demo.url);
    await page.locator('#characterUri').fill(moderationCharacterUri);
    await clickGenerate(page);
    await waitForTaskInUrl(page);
    const failure = page.locator('[data-failure-code]');
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.getAttribute('data-failure-code')).toBe('SAFETY.INPUT.IMAGE');
    expect(await failure.textContent()).toContain("The provider's moderation rejected the input.");
    expect(await page.getByLabel('Generated video').count()).toBe(0);
  });

  it('resumes the task after a reload mid-task and finishes it', async () => {
    await openDemo(page, demo.url);
    const tasksBefore = emulator().stats.tasksCreated;
    await clickGenerate(page);
    const handle = await waitForTaskInUrl(page);
    await waitForProgressBetween(page);

    await page.reload();
    expect(new URL(page.url()).searchParams.get('task')).toBe(handle);
    await waitForPlayingVideo(page);
    // Resumed through the handle: the reload started no second task.
    expect(emulator().stats.tasksCreated).toBe(tasksBefore + 1);
  });
});
