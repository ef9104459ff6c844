// Real test clips made at test time with Debian's ffmpeg (nothing big is committed): 320x180 H.264 MP4s with
// `-movflags +faststart` of any length, other containers, and an MP4 padded to an exact size with a trailing
// `free` box (the duration does not change). Shared by core's, the emulator's and the contract suite's tests
// and the bench (they import this file by relative path).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'actkit-clips-'));
const made = new Map<string, Promise<Buffer>>();

export type ClipFormat = 'mp4' | 'mov' | 'webm' | 'mkv' | 'ogv';

const codecArgs: Record<ClipFormat, string[]> = {
  mp4: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
  mov: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
  webm: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'],
  mkv: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'],
  ogv: ['-c:v', 'libtheora'],
};

/** A `seconds`-long 320x180, 25 fps test-pattern clip in `format` (H.264 for mp4/mov, VP9 for webm/mkv). */
export function clip(seconds: number, format: ClipFormat = 'mp4'): Promise<Buffer> {
  const key = `${seconds}.${format}`;
  let clipBytes = made.get(key);
  if (!clipBytes) {
    const file = path.join(dir, `clip-${seconds}s.${format}`);
    const args = [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x180:rate=25',
      '-t',
      String(seconds),
    ];
    clipBytes = run('ffmpeg', [...args, ...codecArgs[format], file], { timeout: 60_000 }).then(() =>
      readFileSync(file),
    );
    made.set(key, clipBytes);
  }
  return clipBytes;
}

/**
 * `mp4` grown to exactly `totalBytes` by appending one top-level `free` box (ISO BMFF: 4-byte big-endian
 * size, the type `free`, zeros): players and parsers skip it, so the clip and its duration stay the same.
 */
export function padMp4(mp4: Buffer, totalBytes: number): Buffer {
  const boxSize = totalBytes - mp4.length;
  if (boxSize < 8)
    throw new RangeError(`cannot pad ${mp4.length} bytes to ${totalBytes}: a free box needs 8`);
  const padded = Buffer.alloc(totalBytes);
  mp4.copy(padded);
  padded.writeUInt32BE(boxSize, mp4.length);
  padded.write('free', mp4.length + 4, 'latin1');
  return padded;
}

/** A base64 data: URI of `bytes` labelled `mediaType`. */
export const dataUri = (mediaType: string, bytes: Uint8Array): string =>
  `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`;

/** A real 16x16 PNG (made by ffmpeg). */
export function png(): Promise<Buffer> {
  let image = made.get('png');
  if (!image) {
    const file = path.join(dir, 'image.png');
    image = run(
      'ffmpeg',
      ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=16x16', '-frames:v', '1', file],
      {
        timeout: 60_000,
      },
    ).then(() => readFileSync(file));
    made.set('png', image);
  }
  return image;
}

/** 1 MB as the provider counts it (Runway: "1024 × 1024 bytes"). */
export const MB = 1024 * 1024;
