// checkAssetFile: the check a page can run the moment a file is chosen. It must say what `start` would say
// at Generate (the same function runs there), so a page that shows it early never contradicts the hook.
import { describe, expect, it } from 'vitest';
import { clip, MB, png } from '../../core/test/media-clips.js';
import { assetFilesOf, prepareAssets } from '../src/asset-files.js';
import { type CharacterPerformanceStartInput, checkAssetFile } from '../src/index.js';

const file = (bytes: Uint8Array, name: string, type: string) =>
  new File([new Uint8Array(bytes)], name, { type });

/** The field errors `start` finds for these files before sending anything (no request is made here). */
async function startErrors(character: Blob, characterType: 'image' | 'video', reference: Blob) {
  const input: CharacterPerformanceStartInput = {
    character: { type: characterType, uri: character },
    reference: { type: 'video', uri: reference },
  };
  const prepared = await prepareAssets(input, assetFilesOf(input), undefined, new AbortController().signal);
  return prepared.error?.fieldErrors ?? {};
}

describe('checkAssetFile', () => {
  it('refuses a file of the wrong kind for its field, in the words start uses', async () => {
    const image = file(await png(), 'face.png', 'image/png');
    const text = file(new TextEncoder().encode('hello'), 'notes.txt', 'text/plain');
    expect(checkAssetFile(image, 'video')).toBe(
      'is of type image/png; a video must be MP4, MOV or WebM (video/mp4, video/quicktime, video/webm)',
    );
    expect(checkAssetFile(text, 'image')).toMatch(
      /^is of type text\/plain; an image must be JPEG, PNG or WebP/,
    );
    expect(checkAssetFile(new Blob([new Uint8Array(4)]), 'video')).toMatch(/^is of an unknown type; a video/);
    expect(await startErrors(text, 'image', image)).toEqual({
      'character.uri': checkAssetFile(text, 'image'),
      'reference.uri': checkAssetFile(image, 'video'),
    });
  });

  it('refuses a file over its inline cap unless it is uploaded; passes good files', async () => {
    const big = new Uint8Array(6 * MB);
    big.set(await png());
    const bigImage = file(big, 'big.png', 'image/png');
    const video = file(await clip(5), 'clip.mp4', 'video/mp4');
    expect(checkAssetFile(bigImage, 'image')).toMatch(
      /^is a 6 MB file; an image sent inline may be at most 5 MB/,
    );
    expect(checkAssetFile(bigImage, 'image', false)).toBeUndefined();
    expect(await startErrors(bigImage, 'image', video)).toEqual({
      'character.uri': checkAssetFile(bigImage, 'image'),
    });
    expect(checkAssetFile(video, 'video')).toBeUndefined();
    expect(
      checkAssetFile(file(new Uint8Array(8), 'a.webm', 'video/webm;codecs=vp9'), 'video'),
    ).toBeUndefined();
    expect(checkAssetFile(file(await png(), 'face.png', 'image/png'), 'image')).toBeUndefined();
  });
});
