// data: URI assets against the spec's limits (x-data-uri, x-duration-seconds): the synchronous checks
// (decoded size, media type, leading bytes) and, on Node, the container read with mediabunny (duration,
// container, codec). Real clips from ffmpeg; creates go to the emulator, which must see nothing when the
// input is refused.
import { describe, expect, it } from 'vitest';
import { validateAssetMedia, validateAssetMediaBeside } from '../src/asset-media.js';
import {
  ActkitValidationError,
  checkAssetUri,
  dataUriLimits,
  referenceVideoDurationSeconds,
  validateCharacterPerformanceInput,
} from '../src/index.js';
import { clientFor, emulator } from './helpers.js';
import { clip, clipWithAudio, dataUri, MB, padMp4, png } from './media-clips.js';

const image = { type: 'image' as const, uri: 'https://assets.example.com/face.png' };
const referenceOf = (uri: string) => ({ character: image, reference: { type: 'video' as const, uri } });

/** The single issue validation reports for `field`, or undefined when the input is valid. */
function issueOf(input: unknown, field: string): string | undefined {
  const result = validateCharacterPerformanceInput(input);
  return result.ok ? undefined : result.issues.find((issue) => issue.path === field)?.message;
}

describe('the limits come from the spec', () => {
  it('image 5 MB and video 16 MB decoded, JPEG/PNG/WebP and MP4/MOV/WebM, a 3–30 s reference', () => {
    expect(dataUriLimits.image.maxDecodedBytes).toBe(5 * MB);
    expect(dataUriLimits.video.maxDecodedBytes).toBe(16 * MB);
    expect(dataUriLimits.image.mediaTypes).toEqual(['image/jpeg', 'image/jpg', 'image/png', 'image/webp']);
    expect(dataUriLimits.video.mediaTypes).toEqual(['video/mp4', 'video/quicktime', 'video/webm']);
    expect(referenceVideoDurationSeconds).toEqual({ minimum: 3, maximum: 30 });
  });
});

describe('synchronous data: URI checks (every runtime)', () => {
  it('accepts a real PNG character and a real MP4 reference', async () => {
    const input = {
      character: { type: 'image', uri: dataUri('image/png', await png()) },
      reference: { type: 'video', uri: dataUri('video/mp4', await clip(5)) },
    };
    expect(validateCharacterPerformanceInput(input).ok).toBe(true);
  });

  it('a video at exactly 16 MB decoded passes; one byte more is refused with both sizes in words', async () => {
    const five = await clip(5);
    expect(
      issueOf(referenceOf(dataUri('video/mp4', padMp4(five, 16 * MB))), 'reference.uri'),
    ).toBeUndefined();
    expect(issueOf(referenceOf(dataUri('video/mp4', padMp4(five, 17 * MB))), 'reference.uri')).toBe(
      "is 17 MB once decoded; a video data: URI may hold at most 16 MB (the provider's limit; host a larger file on HTTPS and pass its URL)",
    );
  });

  it('one byte over 16 MB shows in bytes, where "16.0 MB" would hide it', async () => {
    expect(
      issueOf(referenceOf(dataUri('video/mp4', padMp4(await clip(5), 16 * MB + 1))), 'reference.uri'),
    ).toBe(
      "is 16,777,217 bytes once decoded; a video data: URI may hold at most 16,777,216 bytes (the provider's limit; host a larger file on HTTPS and pass its URL)",
    );
  });

  it('an image over 5 MB decoded is refused (the image cap, not the video one)', async () => {
    const big = Buffer.concat([await png(), Buffer.alloc(7 * MB)]);
    const message = issueOf(
      {
        ...referenceOf('https://assets.example.com/r.mp4'),
        character: { type: 'image', uri: dataUri('image/png', big) },
      },
      'character.uri',
    );
    expect(message).toMatch(/^is 7\.0 MB once decoded; an image data: URI may hold at most 5 MB/);
  });

  it('a character video may be up to 16 MB (its type decides the cap)', async () => {
    const input = {
      character: { type: 'video', uri: dataUri('video/mp4', padMp4(await clip(5), 12 * MB)) },
      reference: referenceOf('https://assets.example.com/r.mp4').reference,
    };
    expect(validateCharacterPerformanceInput(input).ok).toBe(true);
  });

  it('a text file labelled video/mp4 is refused, saying what it looks like', () => {
    const text = Buffer.from('this is not a video, only words in a file\n'.repeat(50));
    expect(issueOf(referenceOf(dataUri('video/mp4', text)), 'reference.uri')).toBe(
      'is labelled video/mp4 but its bytes are not an MP4/MOV video (they look like text)',
    );
  });

  it('a PNG labelled image/jpeg, a WebM labelled video/mp4: the label must match the bytes', async () => {
    const mislabelled = {
      character: { type: 'image', uri: dataUri('image/jpeg', await png()) },
      reference: { type: 'video', uri: dataUri('video/mp4', await clip(4, 'webm')) },
    };
    const result = validateCharacterPerformanceInput(mislabelled);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'character.uri', message: 'is labelled image/jpeg but holds a PNG image' },
      { path: 'reference.uri', message: 'is labelled video/mp4 but holds a WebM/Matroska video' },
    ]);
  });

  it("media types outside the spec's lists are refused with the accepted ones named", async () => {
    expect(
      issueOf(
        {
          ...referenceOf('https://assets.example.com/r.mp4'),
          character: { type: 'image', uri: dataUri('image/gif', Buffer.from('GIF89a')) },
        },
        'character.uri',
      ),
    ).toBe(
      'is labelled image/gif; an image must be JPEG, PNG or WebP (image/jpeg, image/jpg, image/png, image/webp)',
    );
    expect(issueOf(referenceOf(dataUri('image/png', await png())), 'reference.uri')).toBe(
      'is labelled image/png; a video must be MP4, MOV or WebM (video/mp4, video/quicktime, video/webm)',
    );
  });

  it('a malformed header names the field’s own kind and what is wrong', () => {
    const image = (uri: string) => checkAssetUri(uri, 'image');
    const video = (uri: string) => checkAssetUri(uri, 'video');
    expect(video('data:;base64,AAAA')).toBe(
      'must name its media type after "data:", like data:video/mp4;base64,…',
    );
    expect(image('data:image/png,%89PNG')).toBe(
      'must be base64-encoded, with ";base64," after the media type, like data:image/png;base64,…',
    );
    expect(video('data:video/mp4;base64')).toBe('must be a base64 data: URI like data:video/mp4;base64,…');
    expect(checkAssetUri('data:nonsense')).toBe(
      'must be a base64 data: URI like data:image/png;base64,… or data:video/mp4;base64,…',
    );
  });

  it('spaces around a URI and an upper-case HTTPS scheme get their own words (not the length or the generic rule)', () => {
    const clipUri = `data:video/mp4;base64,${'A'.repeat(3000)}`;
    expect(checkAssetUri(` ${clipUri}`, 'video')).toBe('must not start or end with spaces or line breaks');
    expect(checkAssetUri('https://cdn.example.com/a.png\n', 'image')).toBe(
      'must not start or end with spaces or line breaks',
    );
    expect(checkAssetUri('HTTPS://cdn.example.com/a.png', 'image')).toBe(
      'must start with "https://" in lower case',
    );
    expect(checkAssetUri('https://cdn.example.com/a.png', 'image')).toBeUndefined();
  });

  it('RFC 2397 parameters are refused, saying why (Runway documents data:<type>;base64, only)', async () => {
    const payload = (await clip(5)).toString('base64');
    expect(issueOf(referenceOf(`data:video/mp4;codecs=avc1;base64,${payload}`), 'reference.uri')).toBe(
      'must not carry parameters (such as ";codecs=…") between its media type and ";base64,": the provider documents data:<type>;base64,… only, like data:video/mp4;base64,…',
    );
    expect(issueOf(referenceOf(`data:video/mp4;base64,${payload}`), 'reference.uri')).toBeUndefined();
  });

  it('an upper-case DATA: scheme is refused in clear words (the provider documents lower case)', async () => {
    const payload = (await clip(5)).toString('base64');
    for (const uri of [`DATA:video/mp4;base64,${payload}`, `data:VIDEO/mp4;base64,${payload}`]) {
      expect(issueOf(referenceOf(uri), 'reference.uri')).toBe(
        'must be written in lower case up to the data, like data:video/mp4;base64,… (the form the provider documents)',
      );
    }
  });

  it('a payload that is not base64 is refused', () => {
    expect(checkAssetUri('data:video/mp4;base64,AAAA$AAA', 'video')).toMatch(/must hold valid base64/);
    expect(checkAssetUri('data:video/mp4;base64,AAAAA', 'video')).toMatch(/must hold valid base64/);
  });
});

describe('validateAssetMedia: the container, read on Node', () => {
  it('a 2 s reference clip is refused with its measured length; 31 s too; 3, 5 and 30 s pass', async () => {
    const check = async (seconds: number) =>
      validateAssetMedia(referenceOf(dataUri('video/mp4', await clip(seconds))));
    expect(await check(2)).toEqual([
      { path: 'reference.uri', message: 'is 2.0 s long; the reference clip must be 3–30 s' },
    ]);
    expect(await check(31)).toEqual([
      { path: 'reference.uri', message: 'is 31.0 s long; the reference clip must be 3–30 s' },
    ]);
    for (const seconds of [3, 5, 30]) expect(await check(seconds)).toEqual([]);
  }, 60_000);

  it('reads WebM and MOV too; MOV may be labelled video/mp4 (one family)', async () => {
    expect(await validateAssetMedia(referenceOf(dataUri('video/webm', await clip(2, 'webm'))))).toEqual([
      { path: 'reference.uri', message: 'is 2.0 s long; the reference clip must be 3–30 s' },
    ]);
    expect(await validateAssetMedia(referenceOf(dataUri('video/webm', await clip(5, 'webm'))))).toEqual([]);
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', await clip(5, 'mov'))))).toEqual([]);
  }, 60_000);

  it('a Matroska file labelled video/webm is refused (Runway lists WebM, MP4 and MOV)', async () => {
    expect(await validateAssetMedia(referenceOf(dataUri('video/webm', await clip(5, 'mkv'))))).toEqual([
      {
        path: 'reference.uri',
        message:
          'holds a Matroska file (video/x-matroska); a video must be MP4, MOV or WebM (video/mp4, video/quicktime, video/webm)',
      },
    ]);
  }, 60_000);

  it('an MP4 cut before its index is refused as incomplete, not sent', async () => {
    const full = await clip(5);
    const bytes = Buffer.concat([full.subarray(0, 32), Buffer.alloc(64)]);
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', bytes)))).toEqual([
      { path: 'reference.uri', message: noTracks },
    ]);
  });

  it('a character video has no length rule; HTTPS URLs are not read at all', async () => {
    const input = {
      character: { type: 'video' as const, uri: dataUri('video/mp4', await clip(2)) },
      reference: { type: 'video' as const, uri: 'https://assets.example.com/r.mp4' },
    };
    expect(await validateAssetMedia(input)).toEqual([]);
  });

  it('a request that passed and then changed its URI is read again', async () => {
    const request = referenceOf(dataUri('video/mp4', await clip(5)));
    expect(await validateAssetMedia(request)).toEqual([]);
    request.reference.uri = dataUri('video/mp4', await clip(2));
    expect(await validateAssetMedia(request)).toHaveLength(1);
  });
});

const incomplete =
  'is incomplete: the file was cut short and part of its media data is missing; send the whole file';
const noTracks =
  'is incomplete or unreadable: it holds no audio or video track (an MP4 cut short before its index, for instance); send the whole MP4, MOV or WebM file';

describe('a file cut short is refused, even when its index is whole', () => {
  it('the first 5 KB of a 5 s faststart MP4 (the index lists 5 s, the frames are gone): incomplete', async () => {
    const cut = (await clip(5)).subarray(0, 5000);
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', cut)))).toEqual([
      { path: 'reference.uri', message: incomplete },
    ]);
  });

  it('one byte short is enough; the whole file, or one padded after its end, passes', async () => {
    const full = await clip(5);
    const check = (bytes: Buffer) => validateAssetMedia(referenceOf(dataUri('video/mp4', bytes)));
    expect(await check(full.subarray(0, full.length - 1))).toEqual([
      { path: 'reference.uri', message: incomplete },
    ]);
    expect(await check(full)).toEqual([]);
    expect(await check(padMp4(full, full.length + 1000))).toEqual([]);
  });

  it('a character video cut short is refused on character.uri', async () => {
    const input = {
      character: { type: 'video' as const, uri: dataUri('video/mp4', (await clip(5)).subarray(0, 5000)) },
      reference: { type: 'video' as const, uri: dataUri('video/mp4', await clip(5)) },
    };
    expect(await validateAssetMedia(input)).toEqual([{ path: 'character.uri', message: incomplete }]);
  });

  it('the first 20 KB of an MP4 with its index at the end: no tracks, incomplete or unreadable', async () => {
    const full = await clip(5, 'mp4-index-last');
    expect(full.length).toBeGreaterThan(20_000);
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', full.subarray(0, 20_000))))).toEqual([
      { path: 'reference.uri', message: noTracks },
    ]);
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', full)))).toEqual([]);
  });

  it('an Ogg file (Theora, whose track the parser does not read) is refused as Ogg, not as incomplete', async () => {
    expect(await validateAssetMedia(referenceOf(dataUri('video/webm', await clip(5, 'ogv'))))).toEqual([
      {
        path: 'reference.uri',
        message:
          'holds an Ogg file (application/ogg); a video must be MP4, MOV or WebM (video/mp4, video/quicktime, video/webm)',
      },
    ]);
  }, 60_000);

  it('the first 20 KB of a 5 s WebM: incomplete, not "0.0 s long"', async () => {
    const full = await clip(5, 'webm');
    expect(full.length).toBeGreaterThan(20_000);
    expect(await validateAssetMedia(referenceOf(dataUri('video/webm', full.subarray(0, 20_000))))).toEqual([
      { path: 'reference.uri', message: incomplete },
    ]);
  });
});

describe('a clip lasts as long as its longest track (as <video>.duration and ffprobe say)', () => {
  it('5 s of video with 35 s of audio is 35 s long: refused', async () => {
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', await clipWithAudio(5, 35))))).toEqual([
      { path: 'reference.uri', message: 'is 35.0 s long; the reference clip must be 3–30 s' },
    ]);
  }, 60_000);

  it('2 s of video with 5 s of audio is 5 s long: accepted', async () => {
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', await clipWithAudio(2, 5))))).toEqual(
      [],
    );
  }, 60_000);
});

describe('a codec the parser does not know', () => {
  it('is named in a person’s words with the codecs the provider takes', async () => {
    expect(await validateAssetMedia(referenceOf(dataUri('video/mp4', await clip(5, 'mp4-mpeg4'))))).toEqual([
      {
        path: 'reference.uri',
        message:
          'uses a video codec the provider does not take (it takes H.264, H.265, AV1, VP8, VP9 or ProRes); re-encode it with one of those',
      },
    ]);
  }, 60_000);
});

describe('characterPerformance.create', () => {
  it('refuses a truncated MP4 on reference.uri and sends nothing', async () => {
    const emu = await emulator();
    const error = await clientFor(emu)
      .characterPerformance.create(referenceOf(dataUri('video/mp4', (await clip(5)).subarray(0, 5000))))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActkitValidationError);
    expect((error as ActkitValidationError).issues).toEqual([{ path: 'reference.uri', message: incomplete }]);
    expect(emu.stats.requests).toBe(0);
  });

  it('reports every bad field at once: the clip of an asset that passed its own checks is read too', async () => {
    const emu = await emulator();
    const error = await clientFor(emu)
      .characterPerformance.create({
        character: { type: 'image', uri: 'http://assets.example.com/face.png' },
        reference: { type: 'video', uri: dataUri('video/mp4', await clip(2)) },
        seed: -1,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActkitValidationError);
    expect((error as ActkitValidationError).issues).toEqual([
      { path: 'character.uri', message: 'must be an https URL with a host name (not http:)' },
      { path: 'seed', message: 'must be between 0 and 4294967295' },
      { path: 'reference.uri', message: 'is 2.0 s long; the reference clip must be 3–30 s' },
    ]);
    expect(emu.stats.requests).toBe(0);
  });

  it('a field in error is not read again: a character video that broke its cap is not parsed', async () => {
    // Labelled as an MP4 but over the cap: only the size is reported, never a container problem.
    const big = padMp4((await clip(5)).subarray(0, 5000), 17 * MB);
    const issues = await validateAssetMediaBeside(
      {
        character: { type: 'video', uri: dataUri('video/mp4', big) },
        reference: { type: 'video', uri: dataUri('video/mp4', await clip(2)) },
      },
      [{ path: 'character.uri', message: 'is 17 MB once decoded; …' }],
    );
    expect(issues).toEqual([
      { path: 'reference.uri', message: 'is 2.0 s long; the reference clip must be 3–30 s' },
    ]);
    expect(await validateAssetMediaBeside('not an object', [{ path: '', message: 'x' }])).toEqual([]);
  }, 30_000);

  it('refuses a 2 s reference clip with a field error and sends nothing', async () => {
    const emu = await emulator();
    const error = await clientFor(emu)
      .characterPerformance.create(referenceOf(dataUri('video/mp4', await clip(2))))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActkitValidationError);
    expect((error as ActkitValidationError).issues).toEqual([
      { path: 'reference.uri', message: 'is 2.0 s long; the reference clip must be 3–30 s' },
    ]);
    expect(emu.stats.requests).toBe(0);
  });

  it('sends a 12 MB video data: URI once', async () => {
    const emu = await emulator();
    const uri = dataUri('video/mp4', padMp4(await clip(5), 12 * MB));
    const created = await clientFor(emu).characterPerformance.create(referenceOf(uri));
    expect(created.id).toEqual(expect.any(String));
    expect(emu.stats.tasksCreated).toBe(1);
    expect(emu.task(created.id)?.body.reference.uri.length).toBe(uri.length);
  }, 30_000);
});
