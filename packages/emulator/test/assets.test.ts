// The emulator's asset rules, like the provider's: data: URIs over the spec's caps or of another media type
// are a 400 at create; a reference clip it can read that is outside 3–30 s is accepted and then FAILS with
// ASSET.INVALID; output URLs are signed, expire after `outputTtlMs` with S3's 403 XML, and a re-read of the
// task hands out fresh ones. Real clips from ffmpeg (core's test helper).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip, dataUri, MB, padMp4, png } from '../../core/test/media-clips.js';
import { type Emulator, startEmulator } from '../src/index.js';
import { create, signedOutput, sleep, validBody, waitForStatus } from './helpers.js';

const reference = (uri: string) => validBody({ reference: { type: 'video', uri } });

describe('data: URI assets at create', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ taskMs: 200 });
  });
  afterAll(() => emu.close());

  it('400 naming reference.uri for a 17 MB video, like the provider; no task', async () => {
    const before = emu.stats.tasksCreated;
    const res = await create(emu, reference(dataUri('video/mp4', padMp4(await clip(5), 17 * MB))));
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({
      message: 'reference.uri: data URI too large (17.0 MB decoded); the limit for video data URIs is 16 MB',
      type: 'comet_api_error',
      param: 'reference.uri',
      code: 'invalid_request',
    });
    expect(emu.stats.tasksCreated).toBe(before);
  });

  it('400 for an image over 5 MB and for a media type outside the spec', async () => {
    const bigImage = dataUri('image/png', Buffer.concat([await png(), Buffer.alloc(6 * MB)]));
    const big = await create(emu, validBody({ character: { type: 'image', uri: bigImage } }));
    expect(big.json.error).toMatchObject({ param: 'character.uri', code: 'invalid_request' });
    expect(big.json.error.message).toContain('the limit for image data URIs is 5 MB');
    const gif = await create(
      emu,
      validBody({ character: { type: 'image', uri: 'data:image/gif;base64,R0lGODlh' } }),
    );
    expect(gif.status).toBe(400);
    expect(gif.json.error.message).toBe(
      'character.uri: unsupported content type image/gif in data URI (expected one of image/jpeg, image/jpg, image/png, image/webp)',
    );
  });

  it('accepts a 16 MB video (the cap itself) and the task SUCCEEDS', async () => {
    const res = await create(emu, reference(dataUri('video/mp4', padMp4(await clip(5), 16 * MB))));
    expect(res.status).toBe(200);
    expect((await waitForStatus(emu, res.json.id, ['SUCCEEDED', 'FAILED'])).status).toBe('SUCCEEDED');
  });

  it.each([
    [2, 'The reference video must be between 3 and 30 seconds long (it is 2.0 seconds).'],
    [31, 'The reference video must be between 3 and 30 seconds long (it is 31.0 seconds).'],
  ])(
    'a %i s reference clip is accepted, then FAILS with ASSET.INVALID',
    async (seconds, failure) => {
      const res = await create(emu, reference(dataUri('video/mp4', await clip(seconds))));
      expect(res.status).toBe(200);
      const task = await waitForStatus(emu, res.json.id, ['SUCCEEDED', 'FAILED']);
      expect(task).toMatchObject({ status: 'FAILED', failureCode: 'ASSET.INVALID', failure });
    },
    30_000,
  );

  it('a video it cannot decode FAILS with ASSET.INVALID too; an HTTPS reference is never fetched', async () => {
    const text = dataUri('video/mp4', Buffer.from('not a video at all'));
    const bad = await create(emu, reference(text));
    expect(await waitForStatus(emu, bad.json.id, ['SUCCEEDED', 'FAILED'])).toMatchObject({
      status: 'FAILED',
      failureCode: 'ASSET.INVALID',
    });
    const url = await create(emu, reference('https://assets.example.com/two-seconds.mp4'));
    expect((await waitForStatus(emu, url.json.id, ['SUCCEEDED', 'FAILED'])).status).toBe('SUCCEEDED');
  });
});

describe('output URLs expire', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ taskMs: 100, outputTtlMs: 1000 });
  });
  afterAll(() => emu.close());

  it('a handed-out URL plays, answers 403 S3 XML after outputTtlMs, and a re-read hands out a fresh one', async () => {
    const { json } = await create(emu);
    const first = (await waitForStatus(emu, json.id, ['SUCCEEDED'])).output[0] as string;
    expect(first).toEqual(signedOutput(emu, json.id));
    const fresh = await fetch(first);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-type')).toBe('video/mp4');
    await fresh.arrayBuffer();

    const expiresAt = (() => {
      const url = new URL(first);
      const date = url.searchParams.get('X-Amz-Date')!;
      const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`;
      return Date.parse(iso) + Number(url.searchParams.get('X-Amz-Expires')) * 1000;
    })();
    await sleep(Math.max(0, expiresAt - Date.now()) + 50);
    const expired = await fetch(first);
    expect(expired.status).toBe(403);
    expect(expired.headers.get('content-type')).toBe('application/xml');
    expect(await expired.text()).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message><Expires>[^<]+<\/Expires><ServerTime>[^<]+<\/ServerTime><RequestId>/,
    );
    const head = await fetch(first, { method: 'HEAD' });
    expect(head.status).toBe(403);

    const again = (await waitForStatus(emu, json.id, ['SUCCEEDED'])).output[0] as string;
    expect(again).not.toBe(first);
    const replay = await fetch(again);
    expect(replay.status).toBe(200);
    expect((await replay.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('a missing or altered signature is refused, never served', async () => {
    const { json } = await create(emu);
    const url = (await waitForStatus(emu, json.id, ['SUCCEEDED'])).output[0] as string;
    const unsigned = await fetch(url.split('?')[0]!);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>');
    const altered = await fetch(url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=999999'));
    expect(altered.status).toBe(403);
    expect(await altered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const otherTask = await create(emu);
    await waitForStatus(emu, otherTask.json.id, ['SUCCEEDED']);
    const borrowed = await fetch(url.replace(json.id, otherTask.json.id));
    expect(borrowed.status).toBe(403);
    await borrowed.body?.cancel();
  });

  it('defaults to 24 h; the CLI takes --output-ttl-ms', async () => {
    const day = await startEmulator({ taskMs: 50 });
    try {
      const { json } = await create(day);
      const url = new URL((await waitForStatus(day, json.id, ['SUCCEEDED'])).output[0]);
      // Whole seconds from the truncated X-Amz-Date, rounded up: never less than the TTL.
      expect([86_400, 86_401]).toContain(Number(url.searchParams.get('X-Amz-Expires')));
    } finally {
      await day.close();
    }
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--quiet', '--task-ms', '50', '--output-ttl-ms', '3000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout! }).once('line', resolve),
      );
      const base = /listening on (\S+)/.exec(line)![1]!;
      const created = await create({ url: base } as Emulator);
      await sleep(200);
      const task = await (
        await fetch(`${base}/v1/tasks/${created.json.id}`, { headers: { authorization: 'Bearer k' } })
      ).json();
      expect(Number(new URL(task.output[0]).searchParams.get('X-Amz-Expires'))).toBeGreaterThanOrEqual(3);
      expect(Number(new URL(task.output[0]).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(4);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
