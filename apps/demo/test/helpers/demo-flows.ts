// The browser suite, run once per backend flavour: the page must behave the same on the Express router and
// on the Nest module. Each test gets a fresh browser context (a new profile: a new session cookie, so a new
// task owner).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import {
  clickGenerate,
  emulatorTaskIdOf,
  moderationCharacterUri,
  openDemo,
  waitForPlayingVideo,
  waitForProgressBetween,
  waitForTaskInUrl,
} from './demo-page.js';
import { createsSeen, emulatorStats, emulatorTask, injectFault } from './emulator-control.js';

/** A running demo server whose upstream is an emulator. */
export interface DemoUnderTest {
  url: string;
  emulatorUrl: string;
  close(): Promise<void>;
}

export interface DemoFlowOptions {
  backend: 'Express' | 'NestJS';
  start: () => Promise<DemoUnderTest>;
  /** Where the finished page's screenshot goes (under apps/demo/test-results). */
  screenshot: string;
  /** Emulator task duration the server was started with (for the timing log). */
  taskMs: number;
  skip?: boolean;
}

export function describeDemoFlows({ backend, start, screenshot, taskMs, skip = false }: DemoFlowOptions) {
  describe.skipIf(skip)(`demo page on the ${backend} backend`, () => {
    let demo: DemoUnderTest | undefined;
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    let page: Page;

    beforeAll(async () => {
      const started = Date.now();
      const [server, chromium] = await Promise.allSettled([start(), launchChromium()]);
      if (server.status === 'fulfilled') demo = server.value;
      if (chromium.status === 'fulfilled') browser = chromium.value;
      if (server.status === 'rejected') throw server.reason;
      if (chromium.status === 'rejected') throw chromium.reason;
      console.info(`${backend}: server + Chromium up in ${Date.now() - started} ms`);
    });
    afterAll(async () => {
      await browser?.close();
      await demo?.close();
    });
    beforeEach(async () => {
      context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
      page = await context.newPage();
    });
    afterEach(async () => {
      await context?.close();
    });

    const server = () => demo!;

    it('says it runs on the emulator, with the spec defaults in the form', async () => {
      await openDemo(page, server().url);
      const banner = await page.locator('[data-mode="emulator"]').textContent();
      expect(banner).toContain('Emulator mode');
      expect(banner).toContain(`Backend: ${backend}`);
      expect(await page.locator('#ratio').inputValue()).toBe('1280:720');
      expect(await page.locator('#seed').inputValue()).toBe('1');
      expect(await page.locator('#expressionIntensity').inputValue()).toBe('1');
      expect(await page.locator('#publicFigureThreshold').inputValue()).toBe('auto');
      expect(await page.locator('#characterType').inputValue()).toBe('image');
      expect(await page.locator('#bodyControl').isChecked()).toBe(true);
      expect(await page.locator('#ratio option').allTextContents()).toEqual([
        '1280:720',
        '720:1280',
        '960:960',
        '1104:832',
        '832:1104',
        '1584:672',
      ]);
      expect(await page.locator('#publicFigureThreshold option').allTextContents()).toEqual(['auto', 'low']);
    });

    it('fills the form, shows live progress and plays the generated video', async () => {
      await openDemo(page, server().url);
      await page.locator('#ratio').selectOption('960:960');
      await page.locator('#seed').fill('42');
      await page.locator('#bodyControl').uncheck();
      await page.locator('#expressionIntensity').fill('4');
      await page.locator('#publicFigureThreshold').selectOption('low');
      const started = Date.now();
      await clickGenerate(page);
      await waitForTaskInUrl(page);

      expect(await waitForProgressBetween(page)).toBeGreaterThan(0);
      const video = await waitForPlayingVideo(page);
      console.info(`${backend}: Generate → playing video in ${Date.now() - started} ms (task ${taskMs} ms)`);
      expect(video.readyState).toBeGreaterThanOrEqual(2);
      expect(await page.getByRole('link', { name: 'Download the MP4' }).getAttribute('href')).toBe(video.src);

      // The emulator got exactly what the form said.
      const taskId = emulatorTaskIdOf(video.src);
      expect(taskId).toBeDefined();
      const { body } = await emulatorTask(server().emulatorUrl, taskId!);
      expect(body).toMatchObject({
        character: { type: 'image' },
        reference: { type: 'video' },
        ratio: '960:960',
        seed: 42,
        bodyControl: false,
        expressionIntensity: 4,
        contentModeration: { publicFigureThreshold: 'low' },
      });
      expect(body.character.uri).toMatch(/^data:image\/png;base64,/);
      expect(body.reference.uri).toMatch(/^data:video\/mp4;base64,/);

      mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    });

    it('shows an invalid seed next to the seed field and sends nothing upstream', async () => {
      await openDemo(page, server().url);
      const before = await emulatorStats(server().emulatorUrl);

      for (const seed of ['-1', '5000000000']) {
        await page.locator('#seed').fill(seed);
        await clickGenerate(page);
        const error = page.locator('[data-field="seed"] .field-error');
        await error.waitFor();
        expect(await error.textContent()).toMatch(/\S/);
        expect(await page.locator('#seed').getAttribute('aria-invalid')).toBe('true');
        // Only the seed is wrong: no other field shows an error.
        expect(await page.locator('.field-error').count()).toBe(1);
        // Back to a valid value and clear the error, so the next round proves a fresh error appears.
        await page.locator('#seed').fill('1');
        await page.reload();
        await openDemo(page, server().url);
      }
      expect(new URL(page.url()).searchParams.has('task')).toBe(false);
      const after = await emulatorStats(server().emulatorUrl);
      expect(createsSeen(after)).toBe(createsSeen(before));
      expect(after.tasksCreated).toBe(before.tasksCreated);
    });

    it('explains a moderation failure in words', async () => {
      await openDemo(page, server().url);
      await page.locator('#characterUri').fill(moderationCharacterUri);
      await clickGenerate(page);
      await waitForTaskInUrl(page);
      const failure = page.locator('[data-failure-code]');
      await failure.waitFor({ timeout: 15_000 });
      expect(await failure.getAttribute('data-failure-code')).toBe('SAFETY.INPUT.IMAGE');
      expect(await failure.textContent()).toContain("The provider's moderation rejected the input.");
      expect(await page.getByLabel('Generated video').count()).toBe(0);
    });

    it('lists your tasks beside the form; the list survives a reload and shows a task again', async () => {
      await openDemo(page, server().url);
      const list = page.getByRole('region', { name: 'Your tasks' });
      await list.getByText('None yet').waitFor();
      await clickGenerate(page);
      const handle = await waitForTaskInUrl(page);
      await list.locator('li[aria-current="true"]').waitFor();
      await waitForPlayingVideo(page);
      await list.locator('li[data-status="SUCCEEDED"]').waitFor();

      // Back to the bare page (no task in the URL): the list comes from the server, not from the page.
      await openDemo(page, server().url);
      expect(new URL(page.url()).searchParams.has('task')).toBe(false);
      await list.locator('li[data-status="SUCCEEDED"]').waitFor();
      expect(await list.locator('li').count()).toBe(1);
      await list.getByRole('button', { name: 'Show' }).click();
      expect(new URL(page.url()).searchParams.get('task')).toBe(handle);
      await waitForPlayingVideo(page);

      // Another browser is another owner: it sees none of it.
      const stranger = await browser!.newContext();
      try {
        const other = await stranger.newPage();
        await openDemo(other, server().url);
        await other.getByRole('region', { name: 'Your tasks' }).getByText('None yet').waitFor();
      } finally {
        await stranger.close();
      }
    });

    it('a task whose page was reloaded before the create answered is still listed, and finishes', async () => {
      await openDemo(page, server().url);
      const before = await emulatorStats(server().emulatorUrl);
      // The provider takes 1.5 s to answer the create; the page is gone long before.
      await injectFault(server().emulatorUrl, { kind: 'latency', route: 'create', ms: 1500 });
      await clickGenerate(page);
      await page.waitForTimeout(300);
      await openDemo(page, server().url);
      expect(new URL(page.url()).searchParams.has('task')).toBe(false);
      const list = page.getByRole('region', { name: 'Your tasks' });
      const row = list.locator('li').first();
      await row.waitFor();
      // Listed from the ledger: still being created, or already accepted by the provider.
      expect(await row.getAttribute('data-status')).toMatch(/^(CREATING|PENDING|RUNNING)$/);
      // The create was not aborted when the page left: it completes and the task runs to the end.
      await list.locator('li[data-status="SUCCEEDED"]').waitFor({ timeout: 20_000 });
      expect((await emulatorStats(server().emulatorUrl)).tasksCreated).toBe(before.tasksCreated + 1);
      await list.getByRole('button', { name: 'Show' }).click();
      await waitForPlayingVideo(page);
    });

    it('resumes the task after a reload mid-task and finishes it', async () => {
      await openDemo(page, server().url);
      const before = await emulatorStats(server().emulatorUrl);
      await clickGenerate(page);
      const handle = await waitForTaskInUrl(page);
      await waitForProgressBetween(page);

      await page.reload();
      expect(new URL(page.url()).searchParams.get('task')).toBe(handle);
      await waitForPlayingVideo(page);
      // Resumed through the handle: the reload started no second task.
      expect((await emulatorStats(server().emulatorUrl)).tasksCreated).toBe(before.tasksCreated + 1);
    });
  });
}
