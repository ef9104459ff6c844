// Files as inputs of useCharacterPerformance, against a real backend (Express, Hono or Next.js, with the
// emulator upstream): a chosen file is checked before any request (media type, size when sent inline) with
// the server's field-error shape and core's words, encoded as a data: URI, or handed to `uploadAsset`. jsdom
// has no media support, so the clip-length check in the browser is proven in Chromium by the demo's tests
// (apps/demo/test); here a clip the page cannot measure goes to the server, which measures it on Node.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clip, clipWithAudio, MB, png } from '../../core/test/media-clips.js';
import {
  type CharacterPerformance,
  type CharacterPerformanceOptions,
  useCharacterPerformance,
} from '../src/index.js';
import { type ActkitApp, startActkitApp, validInput } from './helpers/actkit-app.js';

let app: ActkitApp;
beforeAll(async () => {
  app = await startActkitApp({ taskMs: 300 });
});
afterAll(() => app.close());
afterEach(cleanup);

const file = (bytes: Uint8Array, name: string, type: string) =>
  new File([new Uint8Array(bytes)], name, { type });
const posts = () => app.count('POST /character-performances');

/** Waits for the task to SUCCEED, then reads the create body the emulator got (its id is in the output URL). */
async function sentBody(result: { current: CharacterPerformance }) {
  await waitFor(() => expect(result.current.status).toBe('SUCCEEDED'), { timeout: 10_000 });
  const id = /\/outputs\/([^/.]+)\.mp4/.exec(result.current.output![0]!)![1]!;
  return app.emulator.task(id)!.body;
}

function hook(options: Omit<CharacterPerformanceOptions, 'baseUrl'> = {}) {
  return renderHook(() => useCharacterPerformance({ baseUrl: app.baseUrl, EventSource, ...options }));
}

describe('a chosen file that breaks the limits: a field error, and no request at all', () => {
  it('a 6 MB PNG: the 5 MB limit, in the server shape and words', async () => {
    const before = posts();
    const big = new Uint8Array(6 * MB);
    big.set(await png());
    const { result } = hook();
    await act(async () => {
      const task = await result.current.start({
        ...validInput,
        character: { type: 'image', uri: file(big, 'face.png', 'image/png') },
      });
      expect(task).toBeUndefined();
    });
    expect(result.current.status).toBe('error');
    expect(result.current.error).toMatchObject({
      status: 400,
      title: 'Invalid input',
      type: 'https://actkit.dev/problems/validation',
    });
    expect(result.current.error!.fieldErrors).toEqual({
      'character.uri':
        "is a 6 MB file; an image sent inline may be at most 5 MB (the provider's limit for data: URIs; host a larger file on HTTPS and pass its URL)",
    });
    expect(posts()).toBe(before);
  });

  it('a file of another type, and one the browser could not type, name their fields', async () => {
    const before = posts();
    const { result } = hook();
    await act(async () => {
      await result.current.start({
        ...validInput,
        character: { type: 'image', uri: file(new Uint8Array(10), 'face.gif', 'image/gif') },
        reference: { type: 'video', uri: new Blob([new Uint8Array(10)]) },
      });
    });
    expect(result.current.error!.fieldErrors).toEqual({
      'character.uri':
        'is of type image/gif; an image must be JPEG, PNG or WebP (image/jpeg, image/jpg, image/png, image/webp)',
      'reference.uri':
        'is of an unknown type; a video must be MP4, MOV or WebM (video/mp4, video/quicktime, video/webm)',
    });
    expect(result.current.error!.detail).toMatch(
      /^character\.uri is of type image\/gif.*; reference\.uri is of an unknown type/,
    );
    expect(posts()).toBe(before);
  });

  it('a 17 MB video is over the 16 MB video cap', async () => {
    const big = new Uint8Array(17 * MB);
    big.set(await clip(5));
    const { result } = hook();
    await act(async () => {
      await result.current.start({
        ...validInput,
        reference: { type: 'video', uri: file(big, 'p.mp4', 'video/mp4') },
      });
    });
    expect(result.current.error!.fieldErrors['reference.uri']).toMatch(
      /^is a 17 MB file; a video sent inline may be at most 16 MB/,
    );
  });
});

describe('files that pass are sent inline as data: URIs', () => {
  it('a PNG and a 5 s MP4 as Files: one create carrying them as data: URIs, and the task SUCCEEDS', async () => {
    const before = posts();
    const [image, video] = [await png(), await clip(5)];
    const { result } = hook();
    let handle: string | undefined;
    await act(async () => {
      handle = (
        await result.current.start({
          ...validInput,
          character: { type: 'image', uri: file(image, 'face.png', 'image/png') },
          // A MediaRecorder-style type with parameters: the data: URI carries the bare media type.
          reference: {
            type: 'video',
            uri: new Blob([new Uint8Array(video)], { type: 'video/mp4; codecs="avc1.42E01E"' }),
          },
        })
      )?.handle;
    });
    expect(result.current.error).toBeUndefined();
    expect(handle).toBeDefined();
    expect(posts()).toBe(before + 1);
    const sent = await sentBody(result);
    expect(sent.character.uri).toBe(`data:image/png;base64,${Buffer.from(image).toString('base64')}`);
    expect(sent.reference.uri).toBe(`data:video/mp4;base64,${Buffer.from(video).toString('base64')}`);
  });

  it('a 2 s clip the page cannot measure (jsdom) is measured by the server: 400 with the length, no create', async () => {
    const created = app.emulator.stats.tasksCreated;
    const { result } = hook();
    await act(async () => {
      await result.current.start({
        ...validInput,
        reference: { type: 'video', uri: file(await clip(2), 'short.mp4', 'video/mp4') },
      });
    });
    expect(result.current.error?.fieldErrors).toEqual({
      'reference.uri': 'is 2.0 s long; the reference clip must be 3–30 s',
    });
    expect(app.emulator.stats.tasksCreated).toBe(created);
  });
});

describe('tracks of different lengths: the page and the server measure the whole file', () => {
  it('5 s of video with 35 s of audio, which a browser calls 35 s: the server says 35.0 s too, no create', async () => {
    const created = app.emulator.stats.tasksCreated;
    const { result } = hook();
    await act(async () => {
      await result.current.start({
        ...validInput,
        reference: { type: 'video', uri: file(await clipWithAudio(5, 35), 'long-audio.mp4', 'video/mp4') },
      });
    });
    expect(result.current.error?.fieldErrors).toEqual({
      'reference.uri': 'is 35.0 s long; the reference clip must be 3–30 s',
    });
    expect(app.emulator.stats.tasksCreated).toBe(created);
  }, 30_000);

  it('2 s of video with 5 s of audio, which a browser calls 5 s: the server accepts it', async () => {
    const before = posts();
    const { result } = hook();
    await act(async () => {
      await result.current.start({
        ...validInput,
        reference: { type: 'video', uri: file(await clipWithAudio(2, 5), 'short-video.mp4', 'video/mp4') },
      });
    });
    expect(result.current.error).toBeUndefined();
    expect(posts()).toBe(before + 1);
    await sentBody(result);
  }, 30_000);
});

/** Starts with a PNG character and a 5 s MP4 reference, both as Files. */
async function startWithBothFiles(result: { current: CharacterPerformance }) {
  await act(async () => {
    await result.current.start({
      ...validInput,
      character: { type: 'image', uri: file(await png(), 'face.png', 'image/png') },
      reference: { type: 'video', uri: file(await clip(5), 'clip.mp4', 'video/mp4') },
    });
  });
}

describe('uploadAsset: the app puts files on its own storage', () => {
  it('is called once per file with its field and a signal; its https URL is sent instead', async () => {
    const calls: { field: string; size: number; aborted: boolean }[] = [];
    const { result } = hook({
      uploadAsset: async (blob, { field, signal }) => {
        calls.push({ field, size: blob.size, aborted: signal.aborted });
        return `https://assets.example.com/uploads/${field === 'character.uri' ? 'face.png' : 'clip.mp4'}`;
      },
    });
    // Inline this PNG would be over the cap; uploaded, the data: URI caps do not apply.
    const big = new Uint8Array(6 * MB);
    big.set(await png());
    await act(async () => {
      await result.current.start({
        ...validInput,
        character: { type: 'image', uri: file(big, 'face.png', 'image/png') },
        reference: { type: 'video', uri: file(await clip(5), 'clip.mp4', 'video/mp4') },
      });
    });
    expect(result.current.error).toBeUndefined();
    expect(calls).toEqual([
      { field: 'character.uri', size: 6 * MB, aborted: false },
      { field: 'reference.uri', size: expect.any(Number), aborted: false },
    ]);
    const sent = await sentBody(result);
    expect(sent.character.uri).toBe('https://assets.example.com/uploads/face.png');
    expect(sent.reference.uri).toBe('https://assets.example.com/uploads/clip.mp4');
  });

  it('a failing upload, or one that gives no https URL, is a field error and nothing is sent', async () => {
    const before = posts();
    const storageError = new Error(
      'S3 said: AccessDenied for bucket secret-bucket-123, key uploads/u-42/face.png',
    );
    const { result } = hook({
      uploadAsset: async (_blob, { field }) => {
        if (field === 'character.uri') throw storageError;
        return 'http://insecure.example.com/clip.mp4';
      },
    });
    await startWithBothFiles(result);
    expect(result.current.error!.fieldErrors).toEqual({
      'character.uri': 'could not be uploaded; try again',
      'reference.uri': 'was uploaded, but uploadAsset did not resolve to an https URL to send instead',
    });
    // The storage's words (bucket, key) never reach what a page shows; the app keeps them as the cause.
    const shown = JSON.stringify([result.current.error!.message, result.current.error!.detail]);
    expect(shown).not.toMatch(/secret-bucket|AccessDenied|uploads\/u-42/);
    expect(result.current.error!.cause).toBe(storageError);
    expect(posts()).toBe(before);
  });

  it('both uploads failing: one field error each, both errors kept as an AggregateError cause', async () => {
    const errors = [new Error('bucket a'), new Error('bucket b')];
    const { result } = hook({
      uploadAsset: async (_blob, { field }) => {
        throw errors[field === 'character.uri' ? 0 : 1];
      },
    });
    await startWithBothFiles(result);
    expect(result.current.error!.fieldErrors).toEqual({
      'character.uri': 'could not be uploaded; try again',
      'reference.uri': 'could not be uploaded; try again',
    });
    const cause = result.current.error!.cause;
    expect(cause).toBeInstanceOf(AggregateError);
    expect((cause as AggregateError).errors).toEqual(errors);
  });

  it('a second start aborts the upload in flight: its signal aborts, its result is dropped', async () => {
    let firstSignal: AbortSignal | undefined;
    let release: (() => void) | undefined;
    const { result } = hook({
      uploadAsset: (_blob, { signal }) => {
        if (!firstSignal) {
          firstSignal = signal;
          return new Promise((resolve) => {
            release = () => resolve('https://assets.example.com/uploads/late.png');
          });
        }
        return Promise.resolve('https://assets.example.com/uploads/second.png');
      },
    });
    const withFile = async () => ({
      ...validInput,
      character: { type: 'image' as const, uri: file(await png(), 'face.png', 'image/png') },
    });
    const before = posts();
    let first: Promise<unknown> | undefined;
    await act(async () => {
      first = result.current.start(await withFile());
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await act(async () => {
      await result.current.start(await withFile());
    });
    expect(firstSignal?.aborted).toBe(true);
    release?.();
    expect(await first).toBeUndefined();
    // The superseded start sent no create once its upload finished: only the second one did.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(posts()).toBe(before + 1);
    expect((await sentBody(result)).character.uri).toBe('https://assets.example.com/uploads/second.png');
  });
});
