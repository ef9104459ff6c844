// The browser suite, run once per backend flavour: the page must behave the same on the Express router and
// on the Nest module. Each test gets a fresh browser context (a new profile: a new session cookie, so a new
// task owner).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { startCountingProxy } from './counting-proxy.js';
import { bigPngFile, mp4File, pngFile } from './demo-files.js';
import {
  clickGenerate,
  dropFile,
  emulatorTaskIdOf,
  moderationCharacterUri,
  openDemo,
  waitForPlayingVideo,
  waitForProgressBetween,
  waitForTaskInUrl,
} from './demo-page.js';
import { createsSeen, emulatorStats, emulatorTask, injectFault } from './emulator-control.js';

/** A create body the emulator accepts (HTTPS asset URLs it does not fetch). */
const sampleInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

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
  /** Where the screenshot of the form showing field errors goes. */
  fieldErrorsScreenshot: string;
  /** Emulator task duration the server was started with (for the timing log). */
  taskMs: number;
  skip?: boolean;
}

export function describeDemoFlows({
  backend,
  start,
  screenshot,
  fieldErrorsScreenshot,
  taskMs,
  skip = false,
}: DemoFlowOptions) {
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
      // No seed by default: the server draws a random one (the spec's `1` is CometAPI's playground fill-in).
      expect(await page.locator('#seed').inputValue()).toBe('');
      expect(await page.locator('#seed').getAttribute('placeholder')).toBe('random');
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
      expect(await page.locator('[data-seed]').getAttribute('data-seed')).toBe('42');
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

    it('shows an invalid seed next to the seed field in words, and sends nothing upstream', async () => {
      await openDemo(page, server().url);
      const before = await emulatorStats(server().emulatorUrl);

      for (const [seed, message] of [
        ['-1', 'must be between 0 and 4294967295'], // the server's 400
        ['5000000000', 'must be between 0 and 4294967295'],
        ['4.5', 'must be a whole number'],
        ['12abc', 'must be a whole number'], // no number at all: the form says it, in the same words
      ] as const) {
        await page.locator('#seed').fill(seed);
        await clickGenerate(page);
        const error = page.locator('[data-field="seed"] .field-error');
        await error.waitFor();
        expect(await error.textContent()).toBe(message);
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

    it('shows every bad field with its own message (screenshot)', async () => {
      await openDemo(page, server().url);
      const before = await emulatorStats(server().emulatorUrl);
      await page.locator('#characterUri').fill('http://assets.example.com/face.png');
      await page.locator('#referenceUri').fill('');
      await page.locator('#seed').fill('-1');
      await clickGenerate(page);
      await page.locator('[data-field="seed"] .field-error').waitFor();
      const messages = Object.fromEntries(
        await Promise.all(
          ['characterUri', 'referenceUri', 'seed'].map(
            async (field) =>
              [field, await page.locator(`[data-field="${field}"] .field-error`).textContent()] as const,
          ),
        ),
      );
      expect(messages).toEqual({
        characterUri: 'must be an https URL with a host name (not http:)',
        referenceUri: 'is required',
        seed: 'must be between 0 and 4294967295',
      });
      expect(await page.locator('.field-error').count()).toBe(3);
      const text = await page.locator('form').textContent();
      expect(text).not.toMatch(/Too (big|small)|expected|Invalid input/);
      expect((await emulatorStats(server().emulatorUrl)).tasksCreated).toBe(before.tasksCreated);
      mkdirSync(path.dirname(fieldErrorsScreenshot), { recursive: true });
      await page.screenshot({ path: fieldErrorsScreenshot, fullPage: true });
    });

    it('takes a PNG dropped on the character and a real 5 s MP4 chosen from disk: previews, SUCCEEDED, plays', async () => {
      const proxy = await startCountingProxy(server().url);
      try {
        await openDemo(page, proxy.url);
        const [image, video] = [await pngFile(), await mp4File(5)];
        await dropFile(page, '[data-drop="characterFile"]', image);
        await page.locator('#referenceFile').setInputFiles(video);
        expect(await page.locator('#characterUri').textContent()).toMatch(/^me\.png · \d+ KB$/);
        expect(await page.locator('#referenceUri').textContent()).toMatch(/^performance-5s\.mp4 · \d+ KB$/);
        // The previews show the chosen files themselves (object URLs), loaded by the browser.
        await page.waitForFunction(() => {
          const img = document.querySelector('img[alt="Character preview"]') as HTMLImageElement | null;
          return img?.src.startsWith('blob:') && img.complete && img.naturalWidth > 0;
        });
        await page.waitForFunction(() => {
          const clip = document.querySelector(
            'video[aria-label="Reference preview"]',
          ) as HTMLVideoElement | null;
          return clip?.src.startsWith('blob:') && clip.readyState >= 1 && Math.abs(clip.duration - 5) < 0.2;
        });

        await clickGenerate(page);
        await waitForTaskInUrl(page);
        const played = await waitForPlayingVideo(page);
        const { body } = await emulatorTask(server().emulatorUrl, emulatorTaskIdOf(played.src)!);
        // Exactly the files from disk reached the provider, inline.
        expect(body.character.uri).toBe(`data:image/png;base64,${image.buffer.toString('base64')}`);
        expect(body.reference.uri).toBe(`data:video/mp4;base64,${video.buffer.toString('base64')}`);
        expect(
          proxy.requests.filter((r) => r.startsWith('POST /api/actkit/character-performances')),
        ).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    });

    it('a 2 s clip from disk: a field error about 3–30 s, measured in the page; nothing is sent', async () => {
      const proxy = await startCountingProxy(server().url);
      try {
        await openDemo(page, proxy.url);
        const before = await emulatorStats(server().emulatorUrl);
        await page.locator('#referenceFile').setInputFiles(await mp4File(2));
        await clickGenerate(page);
        const error = page.locator('[data-field="referenceUri"] .field-error');
        await error.waitFor();
        expect(await error.textContent()).toMatch(/^is 2\.\d+ s long; the reference clip must be 3–30 s$/);
        expect(await page.locator('.field-error').count()).toBe(1);
        // The browser measured the clip: no create reached the server, let alone the provider.
        expect(proxy.requests.filter((r) => r.startsWith('POST'))).toEqual([]);
        expect(createsSeen(await emulatorStats(server().emulatorUrl))).toBe(createsSeen(before));
      } finally {
        await proxy.close();
      }
    });

    it('a 7 MB PNG from disk: a field error about the 5 MB limit and no request at all', async () => {
      const proxy = await startCountingProxy(server().url);
      try {
        await openDemo(page, proxy.url);
        await page.getByRole('region', { name: 'Your tasks' }).getByText('None yet').waitFor();
        const seen = proxy.requests.length;
        const huge = await bigPngFile();
        expect(huge.buffer.length).toBeGreaterThan(7 * 1000 * 1000);
        await page.locator('#characterFile').setInputFiles(huge);
        await clickGenerate(page);
        const error = page.locator('[data-field="characterUri"] .field-error');
        await error.waitFor();
        expect(await error.textContent()).toMatch(
          /^is a 7\.0 MB file; an image sent inline may be at most 5 MB \(the provider's limit for data: URIs/,
        );
        await page.waitForTimeout(300); // anything the click might have sent would have arrived by now
        expect(proxy.requests.slice(seen).filter((r) => !r.includes('favicon'))).toEqual([]);
        mkdirSync(path.dirname(fieldErrorsScreenshot), { recursive: true });
        await page.screenshot({
          path: fieldErrorsScreenshot.replace('field-errors', 'file-errors'),
          fullPage: true,
        });
      } finally {
        await proxy.close();
      }
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

    it('list rows need no connection each: unwatched tasks move on to their end, one stream for the shown one', async () => {
      const proxy = await startCountingProxy(server().url);
      try {
        await openDemo(page, proxy.url);
        const list = page.getByRole('region', { name: 'Your tasks' });
        await list.getByText('None yet').waitFor();
        // Three tasks this page does not follow (the owner's activeTasks limit), started as another tab would.
        const statuses = await page.evaluate(async (input) => {
          const started = [];
          for (let i = 0; i < 3; i++) {
            const answer = await fetch('/api/actkit/character-performances', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(input),
            });
            started.push(answer.status);
          }
          return started;
        }, sampleInput);
        expect(statuses).toEqual([202, 202, 202]);
        await openDemo(page, proxy.url);
        await list.locator('li').nth(2).waitFor();
        // Usually some rows are still running here (2.5 s tasks); on a starved machine all may have ended
        // before the page showed them, and then there is nothing to refresh (the checks below still hold).
        const unfinishedAtFirst = 3 - (await list.locator('li[data-status="SUCCEEDED"]').count());
        // Each row reaches its end from the list alone (read again while a row is unfinished).
        await page.waitForFunction(
          () =>
            document.querySelectorAll('[aria-label="Your tasks"] li[data-status="SUCCEEDED"]').length === 3,
          undefined,
          { timeout: 20_000 },
        );
        expect(await list.locator('li').allTextContents()).not.toContainEqual(expect.stringMatching(/%/));
        const taskReads = (requests: string[]) => requests.filter((r) => r.includes('/api/actkit/tasks/'));
        // Not one event stream (nor a read) per row: three unfinished rows cost list reads only.
        expect(taskReads(proxy.requests)).toEqual([]);
        const listReads = proxy.requests.filter((r) => r.startsWith('GET /api/actkit/tasks?')).length;
        // Two page loads read the list twice; an unfinished row makes the page read it again.
        expect(listReads).toBeGreaterThan(unfinishedAtFirst > 0 ? 2 : 1);
        // Shown: the panel's one stream, and the row shows what the panel shows.
        await list.getByRole('button', { name: 'Show' }).first().click();
        await waitForPlayingVideo(page);
        expect(taskReads(proxy.requests)).toHaveLength(1);
        expect(taskReads(proxy.requests)[0]).toMatch(/\/events$/);
        expect(await list.locator('li[aria-current="true"]').getAttribute('data-status')).toBe('SUCCEEDED');
      } finally {
        await proxy.close();
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
      // No seed given: the page shows the random one the server sent.
      const shownSeed = Number(await page.locator('[data-seed]').getAttribute('data-seed'));

      await page.reload();
      expect(new URL(page.url()).searchParams.get('task')).toBe(handle);
      const video = await waitForPlayingVideo(page);
      const { body } = await emulatorTask(server().emulatorUrl, emulatorTaskIdOf(video.src)!);
      expect(body.seed).toBe(shownSeed);
      expect(Number.isInteger(shownSeed) && shownSeed >= 0 && shownSeed <= 4294967295).toBe(true);
      // Resumed through the handle: the reload started no second task.
      expect((await emulatorStats(server().emulatorUrl)).tasksCreated).toBe(before.tasksCreated + 1);
    });
  });
}
