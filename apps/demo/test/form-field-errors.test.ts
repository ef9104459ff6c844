// The form's field errors follow the fields' values, in a real Chromium on the Express flavour (the form is
// the same page on every backend): an error found at Generate goes as soon as its field holds another value
// (a file chosen, dropped or removed, a URL or a number edited), and a file of the wrong kind for its box is
// refused the moment it is chosen, in @actkit/react's words, with nothing sent.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoServer } from '../src/server/start-demo-server.js';
import { launchChromium } from './helpers/chromium.js';
import { type CountingProxy, startCountingProxy } from './helpers/counting-proxy.js';
import { mp4File, pngFile } from './helpers/demo-files.js';
import { clickGenerate, dropFile, openDemo, waitForTaskInUrl } from './helpers/demo-page.js';

let demo: Awaited<ReturnType<typeof startDemoServer>> | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let proxy: CountingProxy | undefined;
let page: Page;

beforeAll(async () => {
  const [server, chromium] = await Promise.allSettled([
    startDemoServer({
      port: 0,
      host: '127.0.0.1',
      apiKey: undefined,
      emulatorTaskMs: 500,
      handleSecret: 'form-field-errors-handle-secret-0123456789',
    }),
    launchChromium(),
  ]);
  if (server.status === 'fulfilled') demo = server.value;
  if (chromium.status === 'fulfilled') browser = chromium.value;
  if (server.status === 'rejected') throw server.reason;
  if (chromium.status === 'rejected') throw chromium.reason;
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});
beforeEach(async () => {
  proxy = await startCountingProxy(demo!.url);
  context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  await openDemo(page, proxy.url);
});
afterEach(async () => {
  await context?.close();
  await proxy?.close();
});

const fieldError = (field: string) => page.locator(`[data-field="${field}"] .field-error`);
const creates = () => proxy!.requests.filter((r) => r.startsWith('POST /api/actkit/character-performances'));
/** The reference clip's error after a 2 s clip was chosen and Generate pressed (measured in the page). */
async function twoSecondClipRefused() {
  await page.locator('#referenceFile').setInputFiles(await mp4File(2));
  await clickGenerate(page);
  await fieldError('referenceUri').waitFor();
  expect(await fieldError('referenceUri').textContent()).toMatch(
    /^is 2\.\d+ s long; the reference clip must be 3–30 s$/,
  );
  expect(await page.locator('.problem').textContent()).toContain('Please fix the fields marked above.');
}
/** No field error and no "Please fix" banner is left on the page. */
async function noErrorsLeft() {
  await page.waitForFunction(() => document.querySelectorAll('.field-error, .problem').length === 0);
  expect(await page.locator('#referenceUri').getAttribute('aria-invalid')).toBeNull();
}

describe('a field error goes when its field gets another value', () => {
  it('choosing a good 5 s clip after a 2 s one clears the error before any Generate; the next Generate sends', async () => {
    await twoSecondClipRefused();
    await page.locator('#referenceFile').setInputFiles(await mp4File(5));
    expect(await page.locator('#referenceUri').textContent()).toMatch(/^performance-5s\.mp4 · /);
    await noErrorsLeft();
    expect(creates()).toEqual([]); // cleared by the page, not by a new answer
    await clickGenerate(page);
    await waitForTaskInUrl(page);
    expect(creates()).toHaveLength(1);
  });

  it('dropping another file on the box clears it', async () => {
    await twoSecondClipRefused();
    await dropFile(page, '[data-drop="referenceFile"]', await mp4File(5));
    await noErrorsLeft();
  });

  it('"Remove (use the URL)" clears it', async () => {
    await twoSecondClipRefused();
    await page.getByRole('button', { name: 'Remove (use the URL)' }).click();
    expect(await page.locator('#referenceUri').inputValue()).toMatch(/^data:video\/mp4;base64,/);
    await noErrorsLeft();
  });

  it("editing a URL or a number clears the server's error for that field only", async () => {
    await page.locator('#characterUri').fill('http://assets.example.com/face.png');
    await page.locator('#seed').fill('-1');
    await clickGenerate(page);
    await fieldError('seed').waitFor();
    expect(await fieldError('characterUri').textContent()).toBe(
      'must be an https URL with a host name (not http:)',
    );
    await page.locator('#characterUri').fill('https://assets.example.com/face.png');
    await page.waitForFunction(() => !document.querySelector('[data-field="characterUri"] .field-error'));
    // The seed still holds the value its error is about.
    expect(await fieldError('seed').textContent()).toBe('must be between 0 and 4294967295');
    expect(await page.locator('.problem').textContent()).toContain('Please fix the fields marked above.');
    await page.locator('#seed').fill('12');
    await noErrorsLeft();
    expect(creates()).toHaveLength(1);
  });
});

describe('a file of the wrong kind for its box is refused when chosen', () => {
  it('a PNG dropped on the reference clip: its field error at once, in the words start would use; nothing sent', async () => {
    const seen = proxy!.requests.length;
    await dropFile(page, '[data-drop="referenceFile"]', await pngFile());
    await fieldError('referenceUri').waitFor();
    expect(await fieldError('referenceUri').textContent()).toBe(
      'is of type image/png; a video must be MP4, MOV or WebM (video/mp4, video/quicktime, video/webm)',
    );
    expect(await page.locator('.field-error').count()).toBe(1);
    // Generate is stopped by the page itself: still no request.
    await clickGenerate(page);
    expect(await page.locator('.problem').textContent()).toContain('Please fix the fields marked above.');
    await page.waitForTimeout(300); // anything the click might have sent would have arrived by now
    expect(proxy!.requests.slice(seen).filter((r) => !r.includes('favicon'))).toEqual([]);
    // A clip of the right kind replaces it: the error goes.
    await page.locator('#referenceFile').setInputFiles(await mp4File(5));
    await noErrorsLeft();
  });

  it('a PNG picked for the reference clip, and a text file for the character, each get their error at once', async () => {
    await page.locator('#referenceFile').setInputFiles(await pngFile());
    await fieldError('referenceUri').waitFor();
    expect(await fieldError('referenceUri').textContent()).toMatch(/^is of type image\/png; a video must be/);
    await page.locator('#characterFile').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a picture'),
    });
    await fieldError('characterUri').waitFor();
    expect(await fieldError('characterUri').textContent()).toMatch(
      /^is of type text\/plain; an image must be JPEG, PNG or WebP \(image\/jpeg, .*image\/webp\)$/,
    );
    // A video is a fine character (the type follows the file): no error there.
    await dropFile(page, '[data-drop="characterFile"]', await mp4File(5));
    await page.waitForFunction(() => !document.querySelector('[data-field="characterUri"] .field-error'));
    expect(await page.locator('#characterType').inputValue()).toBe('video');
    expect(creates()).toEqual([]);
  });
});
