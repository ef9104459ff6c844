// Why @actkit/core reads containers with mediabunny and not mp4box: both parse the same real clips (made by
// ffmpeg) from a buffer in this process, side by side, and the table shows what each reports (container,
// codec, duration) and how long it took (median of 15 after a warm-up). Not part of `pnpm bench`; run it with
// `pnpm --filter actkit-bench parsers 2>/dev/null` (mp4box logs each box it cannot parse to stderr). The numbers
// are in packages/core/README.md ("Asset limits").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './stats.js';

const dir = mkdtempSync(path.join(tmpdir(), 'actkit-parsers-'));
const source = ['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25'];
const h264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'];

/** name → ffmpeg arguments (the output file is appended). */
const clips: Record<string, string[]> = {
  '2 s MP4 (H.264, faststart)': [...source, '-t', '2', ...h264, '-movflags', '+faststart'],
  '31 s MP4 (H.264, faststart)': [...source, '-t', '31', ...h264, '-movflags', '+faststart'],
  '5 s MP4, index at the end': [...source, '-t', '5', ...h264],
  '5 s fragmented MP4': [...source, '-t', '5', ...h264, '-movflags', '+frag_keyframe+empty_moov'],
  '5 s MOV (H.264)': [...source, '-t', '5', ...h264, '-f', 'mov'],
  '5 s MP4 (H.265)': [
    ...source,
    '-t',
    '5',
    '-c:v',
    'libx265',
    '-tag:v',
    'hvc1',
    '-x265-params',
    'log-level=error',
  ],
  '5 s MOV (ProRes)': [...source, '-t', '5', '-c:v', 'prores_ks', '-f', 'mov'],
  '5 s WebM (VP9)': [
    ...source,
    '-t',
    '5',
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-f',
    'webm',
  ],
  '5 s WebM (VP8)': [...source, '-t', '5', '-c:v', 'libvpx', '-f', 'webm'],
  '5 s MKV (VP9)': [
    ...source,
    '-t',
    '5',
    '-c:v',
    'libvpx-vp9',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-f',
    'matroska',
  ],
  '20 s 10 MB MP4 (720p H.264 + AAC)': [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440',
    '-t',
    '20',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    '4M',
    '-c:a',
    'aac',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
  ],
};

function make(name: string, args: string[]): Buffer {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.bin`);
  const format = args.includes('-f') && args.lastIndexOf('-f') > args.indexOf('-i') ? [] : ['-f', 'mp4'];
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, ...format, file]);
  return readFileSync(file);
}

type Reading = { container?: string; codec?: string | null; seconds?: number; error?: string };

async function withMediabunny(bytes: Uint8Array): Promise<Reading> {
  const mb = await import('mediabunny');
  const input = new mb.Input({
    source: new mb.BufferSource(bytes),
    formats: [mb.MP4, mb.QTFF, mb.WEBM, mb.MATROSKA, mb.OGG],
  });
  try {
    const format = await input.getFormat();
    const track = await input.getPrimaryVideoTrack();
    return {
      container: format.name,
      codec: track ? await track.getCodec() : null,
      seconds: track ? await track.computeDuration() : 0,
    };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    input.dispose();
  }
}

async function withMp4box(bytes: Uint8Array): Promise<Reading> {
  const { createFile, Log } = await import('mp4box');
  Log.setLogLevel(Log.error); // it still prints "Invalid box type" lines to stderr on non-MP4 input
  return new Promise((resolve) => {
    const file = createFile();
    let done = false;
    const finish = (reading: Reading) => {
      if (!done) resolve(reading);
      done = true;
    };
    file.onError = (_module: string, message: string) => finish({ error: message });
    file.onReady = (info) =>
      finish({
        container: info.brands.includes('qt  ') ? 'MOV' : 'MP4',
        codec: info.videoTracks[0]?.codec ?? null,
        seconds: info.duration / info.timescale,
      });
    const buffer = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    ) as ArrayBuffer & { fileStart: number };
    buffer.fileStart = 0;
    try {
      file.appendBuffer(buffer);
      file.flush();
    } catch (error) {
      finish({ error: (error as Error).message });
    }
    finish({ error: 'no movie box found' });
  });
}

async function timed(read: (bytes: Uint8Array) => Promise<Reading>, bytes: Uint8Array) {
  await read(bytes);
  const times: number[] = [];
  let reading: Reading = {};
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    reading = await read(bytes);
    times.push(performance.now() - started);
  }
  return { reading, ms: median(times) };
}

const show = ({ reading, ms }: Awaited<ReturnType<typeof timed>>) =>
  reading.error
    ? `cannot read (${reading.error.slice(0, 60)}) ${ms.toFixed(2)} ms`
    : `${reading.container}, ${reading.codec}, ${reading.seconds?.toFixed(2)} s, ${ms.toFixed(2)} ms`;

const importStart = performance.now();
await import('mediabunny');
const mediabunnyImport = performance.now() - importStart;
const mp4boxStart = performance.now();
await import('mp4box');
const mp4boxImport = performance.now() - mp4boxStart;

console.log('| clip | bytes | mediabunny 1.61.0 | mp4box 2.4.1 |');
console.log('| --- | --- | --- | --- |');
const inputs: [string, Buffer][] = Object.entries(clips).map(([name, args]) => [name, make(name, args)]);
inputs.push(['a text file', Buffer.from('these are notes, not a video\n'.repeat(400))]);
for (const [name, bytes] of inputs) {
  const view = new Uint8Array(bytes);
  console.log(
    `| ${name} | ${bytes.length} | ${show(await timed(withMediabunny, view))} | ${show(await timed(withMp4box, view))} |`,
  );
}
console.log(`| first import | | ${mediabunnyImport.toFixed(0)} ms | ${mp4boxImport.toFixed(0)} ms |`);
