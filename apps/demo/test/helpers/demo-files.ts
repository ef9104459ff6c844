// Files a person would pick from disk, made by Debian's ffmpeg at test time (core's clip helpers, plus a
// 7 MB PNG of random pixels: noise does not compress, so the file is as large as its pixels).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { clip, MB, png } from '../../../../packages/core/test/media-clips.js';

export { MB };

/** What playwright's setInputFiles takes. */
export interface DiskFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const pngFile = async (): Promise<DiskFile> => ({
  name: 'me.png',
  mimeType: 'image/png',
  buffer: await png(),
});

export const mp4File = async (seconds: number): Promise<DiskFile> => ({
  name: `performance-${seconds}s.mp4`,
  mimeType: 'video/mp4',
  buffer: await clip(seconds),
});

/** A real PNG of 1600x1530 random RGB pixels: about 7 MB. */
export function bigPngFile(): Promise<DiskFile> {
  const [width, height] = [1600, 1530];
  return new Promise((resolve, reject) => {
    const ffmpeg = execFile(
      'ffmpeg',
      [
        ...['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-i', 'pipe:0'],
        ...['-frames:v', '1', '-c:v', 'png', '-f', 'image2pipe', 'pipe:1'],
      ],
      { encoding: 'buffer', maxBuffer: 64 * MB, timeout: 60_000 },
      (error, stdout) =>
        error ? reject(error) : resolve({ name: 'huge.png', mimeType: 'image/png', buffer: stdout }),
    );
    ffmpeg.stdin?.end(randomBytes(width * height * 3));
  });
}
