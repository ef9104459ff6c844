// What a person does on the demo page, and what they should see, as steps shared by the Express and the
// Nest suites (the page must behave the same on both backends).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const moderationCharacterUri = 'https://assets.example.com/fail-moderation/character.png';

/** Opens the page and waits for the form, prefilled with the sample assets. */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#characterUri').waitFor();
  await page.waitForFunction(() =>
    (document.querySelector('#characterUri') as HTMLInputElement | null)?.value.startsWith('data:image/png'),
  );
}

export async function clickGenerate(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Generate' }).click();
}

/** The handle in the URL once a task started. */
export async function waitForTaskInUrl(page: Page): Promise<string> {
  await page.waitForURL(/[?&]task=/);
  const handle = new URL(page.url()).searchParams.get('task');
  expect(handle).toBeTruthy();
  return handle as string;
}

const progressValue = (page: Page) =>
  page.locator('#task-progress').evaluate((element) => (element as HTMLProgressElement).value);

/** The progress bar is seen strictly between 0 and 1 (the task is running and the bar follows it). */
export async function waitForProgressBetween(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const bar = document.querySelector('#task-progress') as HTMLProgressElement | null;
    return bar !== null && bar.value > 0 && bar.value < 1;
  });
  return progressValue(page);
}

export interface PlayedVideo {
  src: string;
  readyState: number;
  currentTime: number;
  paused: boolean;
}

/** The output `<video>` has data to play and is playing (time advances or it is not paused). */
export async function waitForPlayingVideo(page: Page, timeout = 30_000): Promise<PlayedVideo> {
  const video = page.getByLabel('Generated video');
  await video.waitFor({ timeout });
  await page.waitForFunction(
    () => {
      const element = document.querySelector(
        'video[aria-label="Generated video"]',
      ) as HTMLVideoElement | null;
      return element !== null && element.readyState >= 2 && (element.currentTime > 0 || !element.paused);
    },
    undefined,
    { timeout },
  );
  expect(await progressValue(page)).toBe(1);
  return video.evaluate((element) => {
    const v = element as HTMLVideoElement;
    return { src: v.currentSrc, readyState: v.readyState, currentTime: v.currentTime, paused: v.paused };
  });
}

/** The emulator task id inside an emulator output URL (…/outputs/<id>.mp4). */
export const emulatorTaskIdOf = (outputUrl: string) =>
  /\/outputs\/([^/.]+)\.mp4(?:\?|$)/.exec(outputUrl)?.[1];

/** What playwright's setInputFiles takes, and what `dropFile` drops. */
export interface DroppedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Drags `file` over the element at `selector` and drops it there, as a person dragging it from disk. */
export async function dropFile(page: Page, selector: string, file: DroppedFile): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, mimeType }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { base64: file.buffer.toString('base64'), name: file.name, mimeType: file.mimeType },
  );
  const target = page.locator(selector);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
