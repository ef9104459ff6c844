import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { sampleVideo } from '../src/output-video.js';
import { create, waitForStatus } from './helpers.js';

describe('output video', () => {
  let emu: Emulator;
  let url: string;
  const size = sampleVideo().length;

  beforeAll(async () => {
    emu = await startEmulator({ taskMs: 200 });
    const { json } = await create(emu);
    url = (await waitForStatus(emu, json.id, ['SUCCEEDED'])).output[0];
  });
  afterAll(() => emu.close());

  it('is a real, small, faststart H.264 MP4', () => {
    const video = sampleVideo();
    expect(video.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(size).toBeLessThan(64 * 1024);
    // faststart puts the moov atom before mdat, so a browser can start playing before the whole download.
    expect(video.indexOf('moov')).toBeLessThan(video.indexOf('mdat'));
    expect(video.includes('avc1')).toBe(true);
  });

  it('GET answers the whole file with type, length and range support', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe(String(size));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(sampleVideo())).toBe(true);
    expect(emu.stats.byRoute['GET /outputs/:file']).toBeGreaterThanOrEqual(1);
  });

  it('HEAD answers the headers without a body', async () => {
    const res = await fetch(url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(size));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, size - 1],
    ['bytes=-50', size - 50, size - 1],
    ['bytes=10-999999', 10, size - 1],
  ])('Range %s answers 206 with the right slice', async (range, start, end) => {
    const res = await fetch(url, { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(sampleVideo().subarray(start, end + 1))).toBe(true);
  });

  it('an unsatisfiable range answers 416', async () => {
    const res = await fetch(url, { headers: { range: `bytes=${size}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
    await res.arrayBuffer();
  });

  it('needs no auth (output URLs are public, like Runway CDN links)', async () => {
    const res = await fetch(url, { headers: { range: 'bytes=0-3' } });
    expect(res.status).toBe(206);
    await res.arrayBuffer();
  });
});
