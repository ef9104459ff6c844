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

/**
 * `mp4`, `mov`: H.264 with the index first (`+faststart`); `mp4-index-last`: H.264 with the index at the
 * end, as ffmpeg and most cameras write it; `mp4-mpeg4`: MPEG-4 Part 2 video, a codec the parser does not
 * know; `webm`, `mkv`: VP9; `ogv`: Theora.
 */
export type ClipFormat = 'mp4' | 'mp4-index-last' | 'mp4-mpeg4' | 'mov' | 'webm' | 'mkv' | 'ogv';

const h264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'];
const vp9 = ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'];
const formats: Record<ClipFormat, { extension: string; codecArgs: string[] }> = {
  mp4: { extension: 'mp4', codecArgs: [...h264, '-movflags', '+faststart'] },
  'mp4-index-last': { extension: 'mp4', codecArgs: h264 },
  'mp4-mpeg4': { extension: 'mp4', codecArgs: ['-c:v', 'mpeg4'] },
  mov: { extension: 'mov', codecArgs: [...h264, '-movflags', '+faststart'] },
  webm: { extension: 'webm', codecArgs: vp9 },
  mkv: { extension: 'mkv', codecArgs: vp9 },
  ogv: { extension: 'ogv', codecArgs: ['-c:v', 'libtheora'] },
};

/** Runs ffmpeg once per `key` (the result is shared) and resolves with the file it wrote. */
function ffmpegOnce(key: string, extension: string, args: (file: string) => string[]): Promise<Buffer> {
  let bytes = made.get(key);
  if (!bytes) {
    const file = path.join(dir, `${key}.${extension}`);
    bytes = run('ffmpeg', ['-v', 'error', '-y', ...args(file)], { timeout: 60_000 }).then(() =>
      readFileSync(file),
    );
    made.set(key, bytes);
  }
  return bytes;
}

const testPattern = (seconds: number) => [
  '-f',
  'lavfi',
  '-t',
  String(seconds),
  '-i',
  'testsrc=size=320x180:rate=25',
];

/** A `seconds`-long 320x180, 25 fps test-pattern clip in `format` (H.264 for mp4/mov, VP9 for webm/mkv). */
export function clip(seconds: number, format: ClipFormat = 'mp4'): Promise<Buffer> {
  const { extension, codecArgs } = formats[format];
  return ffmpegOnce(`clip-${seconds}s-${format}`, extension, (file) => [
    ...testPattern(seconds),
    ...codecArgs,
    file,
  ]);
}

/**
 * A faststart H.264 MP4 whose tracks differ in length: `videoSeconds` of test pattern and `audioSeconds` of
 * a 440 Hz AAC tone. Players and ffprobe's format duration call it as long as its longest track.
 */
export function clipWithAudio(videoSeconds: number, audioSeconds: number): Promise<Buffer> {
  return ffmpegOnce(`clip-v${videoSeconds}s-a${audioSeconds}s`, 'mp4', (file) => [
    ...testPattern(videoSeconds),
    ...['-f', 'lavfi', '-t', String(audioSeconds), '-i', 'sine=frequency=440'],
    ...h264,
    ...['-c:a', 'aac', '-movflags', '+faststart', file],
  ]);
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
  return ffmpegOnce('image', 'png', (file) => [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=16x16',
    '-frames:v',
    '1',
    file,
  ]);
}

/** 1 MB as the provider counts it (Runway: "1024 × 1024 bytes"). */
export const MB = 1024 * 1024;
