import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A real 5 s 320x180 H.264 MP4 (faststart) kept in the package, served for every finished task, so a
 * <video> element in the demo or a browser test actually plays the "result". 5 s: the demo also sends it as
 * its sample reference clip, which must be 3–30 s long.
 */
const VIDEO_URL = new URL('../assets/sample.mp4', import.meta.url);

let cached: Buffer | undefined;
export function sampleVideo(): Buffer {
  cached ??= readFileSync(VIDEO_URL);
  return cached;
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** Parses a single `bytes=` range; several ranges are answered with the whole file, which HTTP allows. */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** GET and HEAD with Range support: what a browser's media element needs to play and seek. */
export function serveVideo(req: IncomingMessage, res: ServerResponse): void {
  const video = sampleVideo();
  const size = video.length;
  const common = {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=86400',
    etag: `"actkit-sample-${size}"`,
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'content-range': `bytes */${size}`, 'content-length': 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const headers: Record<string, string | number> = { ...common, 'content-length': end - start + 1 };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  res.end(req.method === 'HEAD' ? undefined : video.subarray(start, end + 1));
}
