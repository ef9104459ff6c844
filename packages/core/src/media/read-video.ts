// Reads a video container's format, codec and duration from bytes in memory with mediabunny (pure
// TypeScript, MP4/MOV/WebM/Matroska/Ogg, ~0.4 ms for a 10 MB MP4 here; see the core README for why it was
// picked over mp4box). Node-only on purpose: it is 12 MB installed, so the browser entry never loads it and
// the main entry imports it lazily (asset-media.ts) only when a video data: URI is to be checked.
import type { InputFormat, VideoCodec } from 'mediabunny';
import { dataUriParts } from '../data-uri.js';
import type { VideoReading } from './video-facts.js';

type Mediabunny = typeof import('mediabunny');
// Imported on first use (~130-220 ms cold here), also where this file is bundled into another build (the
// emulator, the CLI): an import at the top would be hoisted into that bundle's start-up.
let parser: Promise<{ mediabunny: Mediabunny; formats: InputFormat[] }> | undefined;
const loadParser = () => {
  parser ??= import('mediabunny').then((mediabunny) => ({
    mediabunny,
    // Video containers only, and no HLS: a playlist would make the parser fetch its segments.
    formats: [
      mediabunny.MP4,
      mediabunny.QTFF,
      mediabunny.WEBM,
      mediabunny.MATROSKA,
      mediabunny.OGG,
      mediabunny.MPEG_TS,
    ],
  }));
  return parser;
};

/** mediabunny's codec ids → the spec's words (x-data-uri codecs of VideoDataUri). */
const codecWords: Record<VideoCodec, string> = {
  avc: 'H.264',
  hevc: 'H.265',
  av1: 'AV1',
  vp8: 'VP8',
  vp9: 'VP9',
  prores: 'ProRes',
};

/**
 * Reads the container of a video held in `bytes`: its media type, its first video track's codec and that
 * track's duration in seconds. Resolves `{ ok: false, reason }` for bytes that are not a video container
 * it can read (text, an image, a truncated file); never rejects.
 */
export async function readVideo(bytes: Uint8Array): Promise<VideoReading> {
  const { mediabunny, formats } = await loadParser();
  const input = new mediabunny.Input({ source: new mediabunny.BufferSource(bytes), formats });
  try {
    const format = await input.getFormat();
    const track = await input.getPrimaryVideoTrack();
    const codec = track ? await track.getCodec() : undefined;
    const durationSeconds = track ? await track.computeDuration() : await input.computeDuration();
    return {
      ok: true,
      facts: {
        container: format.mimeType,
        containerName: format.name,
        codec: codec === undefined ? undefined : codec === null ? null : (codecWords[codec] ?? codec),
        durationSeconds,
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: reason.replace(/\.$/, '').toLowerCase() };
  } finally {
    input.dispose();
  }
}

/**
 * Decodes a base64 `data:` URI (Node's Buffer: ~12 ms for 16 MB here) and reads the video in it, as
 * `readVideo` does.
 */
export async function readVideoDataUri(uri: string): Promise<VideoReading> {
  const parts = dataUriParts(uri);
  if (!parts) return { ok: false, reason: 'not a base64 data: URI' };
  const bytes = Buffer.from(uri.slice(parts.payloadOffset), 'base64');
  return readVideo(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
