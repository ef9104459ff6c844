// @vitest-environment node
// The page and the server must call a clip equally long, or one refuses what the other accepts. The page's
// reading (readVideoDuration: an off-screen <video> element) runs in a real headless Chromium, bundled with
// esbuild and served from 127.0.0.1; the server's is core's container reader (mediabunny) on the same bytes.
// Clips whose tracks differ in length are the case that split them: a player's length is the whole file's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../apps/demo/test/helpers/chromium.ts';
import { readVideo } from '../../core/src/media/read-video.js';
import { clip, clipWithAudio } from '../../core/test/media-clips.js';

const clips: Record<string, () => Promise<Buffer>> = {
  'video-5s.mp4': () => clip(5),
  'video-5s-audio-35s.mp4': () => clipWithAudio(5, 35),
  'video-2s-audio-5s.mp4': () => clipWithAudio(2, 5),
};

let browser: Awaited<ReturnType<typeof launchChromium>>;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../src/video-duration.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'videoDuration',
    write: false,
  });
  const page = `<!doctype html><script>${bundle.outputFiles[0]!.text}</script>`;
  server = http.createServer(async (request, response) => {
    const name = request.url?.slice(1) ?? '';
    if (name === '') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    } else if (clips[name]) {
      response.writeHead(200, { 'content-type': 'video/mp4' }).end(await clips[name]());
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** What readVideoDuration says in Chromium for the clip served as `name`. */
async function pageSeconds(name: string): Promise<number | undefined> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/`);
    return await page.evaluate(async (url) => {
      const blob = await (await fetch(url)).blob();
      const { readVideoDuration } = (
        window as never as { videoDuration: typeof import('../src/video-duration.js') }
      ).videoDuration;
      return readVideoDuration(blob, 'video/mp4', new AbortController().signal);
    }, `${origin}/${name}`);
  } finally {
    await page.close();
  }
}

/** What the server's reader says for the same clip. */
async function serverSeconds(name: string): Promise<number> {
  const reading = await readVideo(new Uint8Array(await clips[name]!()));
  if (!reading.ok) throw new Error(`unreadable clip ${name}`);
  return reading.facts.durationSeconds;
}

describe('the page and the server measure a clip alike (Chromium <video> vs the container reader)', () => {
  it.each([
    ['video-5s.mp4', 5],
    ['video-5s-audio-35s.mp4', 35],
    ['video-2s-audio-5s.mp4', 5],
  ])(
    '%s: both say %i s',
    async (name, seconds) => {
      const [page, server] = [await pageSeconds(name), await serverSeconds(name)];
      expect(page).toBeCloseTo(seconds, 1);
      expect(server).toBeCloseTo(seconds, 1);
      expect(Math.abs(page! - server)).toBeLessThan(0.05);
    },
    60_000,
  );
});
