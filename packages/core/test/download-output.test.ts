// downloadOutput streams a finished task's video from the emulator's output URL, reports progress, and
// never leaves a partial file behind. What is not a video (a storage bucket's XML error page, a 403, a body
// cut short) comes from a tiny fake storage server on 127.0.0.1 and is refused with the reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActkitError, type SucceededTask } from '../src/index.js';
import {
  downloadOutput,
  OutputDownloadError,
  OutputExpiredError,
  videoContainerOf,
} from '../src/node/index.js';
import { clientFor, emulator, input } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'actkit-'));
  dirs.push(dir);
  return dir;
};

async function finishedTask() {
  const emu = await emulator({ taskMs: 300 });
  const task = await clientFor(emu).characterPerformance.run(input(), { pollIntervalMs: 50 });
  return { emu, task };
}

describe('downloadOutput', () => {
  it('writes the output to a file with progress', async () => {
    const { task } = await finishedTask();
    const file = join(await tempDir(), 'out.mp4');
    const fractions: (number | undefined)[] = [];
    const result = await downloadOutput(task, file, { onProgress: (p) => fractions.push(p.fraction) });
    const bytes = readFileSync(file);
    expect(result).toMatchObject({ path: file, bytes: bytes.length });
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(fractions.at(-1)).toBe(1);
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('a destination that cannot be written is a `write` error before anything is fetched, not a broken download', async () => {
    const { emu, task } = await finishedTask();
    const dir = await tempDir();
    const before = emu.stats.requests;
    for (const [destination, code] of [
      [join(dir, 'missing-folder', 'out.mp4'), 'ENOENT'],
      [dir, 'EISDIR'],
    ] as const) {
      const error = await downloadOutput(task, destination).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputDownloadError);
      expect(error).toMatchObject({ reason: 'write', code, taskId: task.id });
    }
    expect(emu.stats.requests).toBe(before); // the output URL was never asked for
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes the output to a WritableStream', async () => {
    const { task } = await finishedTask();
    let total = 0;
    const sink = new WritableStream<Uint8Array>({
      write(chunk) {
        total += chunk.byteLength;
      },
    });
    const result = await downloadOutput(task, sink);
    expect(result.bytes).toBe(total);
    expect(total).toBeGreaterThan(1000);
  });

  it('an expired/missing output is an ActkitError with the status, and no file is left', async () => {
    const { emu, task } = await finishedTask();
    const missing: SucceededTask = { ...task, output: [`${emu.url}/outputs/does-not-exist.mp4`] };
    const file = join(await tempDir(), 'out.mp4');
    const error = await downloadOutput(missing, file).catch((e) => e);
    expect(error).toBeInstanceOf(ActkitError);
    expect(error.status).toBe(404);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.part`)).toBe(false);
  });
});

describe('downloadOutput and expired links (emulator outputTtlMs: 2000)', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A task that SUCCEEDED, its links read more than 2 s ago (so they have expired). */
  async function staleTask() {
    const emu = await emulator({ taskMs: 50, outputTtlMs: 2000 });
    const client = clientFor(emu, { maxRetries: 0 });
    const task = await client.characterPerformance.run(input(), { pollIntervalMs: 20 });
    await sleep(3000);
    expect((await fetch(task.output[0])).status).toBe(403);
    return { emu, client, task };
  }

  it('a stale task downloads by reading the task again through the client, once', async () => {
    const { emu, client, task } = await staleTask();
    const reads = emu.stats.byRoute['GET /runwayml/v1/tasks/:id'] ?? 0;
    const file = join(await tempDir(), 'out.mp4');
    const result = await downloadOutput(task, file, { client });
    expect(emu.stats.byRoute['GET /runwayml/v1/tasks/:id']).toBe(reads + 1);
    expect(readFileSync(file).subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(result.bytes).toBe(readFileSync(file).length);
    expect(result.url).not.toBe(task.output[0]);
    expect(result.url).toBe(result.freshTask?.output[0]);
    expect(existsSync(`${file}.part`)).toBe(false);
  }, 15_000);

  it('a task whose re-read fails: OutputExpiredError (task id, URL without query), no file left', async () => {
    const { emu, client, task } = await staleTask();
    emu.inject({ kind: 'status', route: 'getTask', status: 500, times: 5 });
    const dir = await tempDir();
    const error = await downloadOutput(task, join(dir, 'out.mp4'), { client }).catch((e) => e);
    expect(error).toBeInstanceOf(OutputExpiredError);
    expect(error).toBeInstanceOf(OutputDownloadError);
    expect(error).toMatchObject({ taskId: task.id, status: 403, url: task.output[0].split('?')[0] });
    expect(error.message).toMatch(/has expired \(HTTP 403\); reading the task again failed/);
    expect(error.message).not.toContain('X-Amz-Signature');
    expect(error.cause).toBeInstanceOf(ActkitError);
    expect(readdirSync(dir)).toEqual([]);
  }, 15_000);

  it('without a client it cannot renew the link, and says so', async () => {
    const { emu, task } = await staleTask();
    const reads = emu.stats.byRoute['GET /runwayml/v1/tasks/:id'];
    const dir = await tempDir();
    const error = await downloadOutput(task, join(dir, 'out.mp4')).catch((e) => e);
    expect(error).toBeInstanceOf(OutputExpiredError);
    expect(error.message).toContain('no { client } was given to read the task again');
    expect(emu.stats.byRoute['GET /runwayml/v1/tasks/:id']).toBe(reads);
    expect(readdirSync(dir)).toEqual([]);
    const bare = await downloadOutput(task.output[0], join(dir, 'out.mp4')).catch((e) => e);
    expect(bare).toBeInstanceOf(OutputExpiredError);
    expect(bare.message).toContain('a URL alone cannot be renewed');
    expect(readdirSync(dir)).toEqual([]);
  }, 15_000);
});

describe('downloadOutput when the renewed link fails too', () => {
  it('reads once; a fresh URL that answers 403 as well is an OutputExpiredError, no file left', async () => {
    const base = await storage();
    const stale = `${base}/forbidden.mp4?X-Amz-Signature=old`;
    const task: SucceededTask = {
      id: 'task-7',
      status: 'SUCCEEDED',
      progress: 1,
      createdAt: new Date().toISOString(),
      raw: undefined,
      output: [stale],
    };
    let reads = 0;
    const client = {
      tasks: {
        retrieve: async () => {
          reads++;
          return { ...task, output: [`${base}/forbidden.mp4?X-Amz-Signature=new`] as [string] };
        },
      },
    };
    const dir = await tempDir();
    const error = await downloadOutput(task, join(dir, 'out.mp4'), { client }).catch((e) => e);
    expect(reads).toBe(1);
    expect(error).toBeInstanceOf(OutputExpiredError);
    expect(error.message).toContain('the fresh URL the task read again gave answered HTTP 403 too');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a link answering 500 is not taken for expired: no re-read', async () => {
    const base = await storage();
    let reads = 0;
    const client = {
      tasks: {
        retrieve: async (): Promise<SucceededTask> => {
          reads++;
          throw new Error('unused');
        },
      },
    };
    const task: SucceededTask = {
      id: 'task-8',
      status: 'SUCCEEDED',
      progress: 1,
      createdAt: new Date().toISOString(),
      raw: undefined,
      output: [`${base}/broken.mp4`],
    };
    const error = await downloadOutput(task, join(await tempDir(), 'o.mp4'), { client }).catch((e) => e);
    expect(error).toBeInstanceOf(OutputDownloadError);
    expect(error).not.toBeInstanceOf(OutputExpiredError);
    expect(error.status).toBe(500);
    expect(reads).toBe(0);
  });
});

const sampleMp4 = readFileSync(new URL('../../emulator/assets/sample.mp4', import.meta.url));
const s3Error =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message>' +
  '<RequestId>4442587FB7D0A2F9</RequestId></Error>';
const webmHead = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01]);

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** A fake storage server: each path answers one way, byte for byte. */
async function storage(): Promise<string> {
  const send = (res: ServerResponse, status: number, type: string | undefined, body: Buffer | string) => {
    res.writeHead(status, {
      ...(type ? { 'content-type': type } : {}),
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  const server = createServer((req, res) => {
    switch (new URL(req.url ?? '/', 'http://storage').pathname) {
      case '/s3-error.mp4':
        return send(res, 200, 'application/xml', s3Error);
      case '/s3-error-octet.mp4':
        return send(res, 200, 'binary/octet-stream', s3Error);
      case '/page.mp4':
        return send(res, 200, 'text/html; charset=utf-8', '<html><body>Sign in</body></html>');
      case '/forbidden.mp4':
        return send(res, 403, 'application/xml', s3Error);
      case '/empty.mp4':
        return send(res, 200, 'video/mp4', '');
      case '/truncated.mp4':
        // Announces the whole file, sends a third of it, then the connection drops.
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': sampleMp4.length });
        res.write(sampleMp4.subarray(0, Math.floor(sampleMp4.length / 3)), () => res.destroy());
        return;
      case '/broken.mp4':
        return send(res, 500, 'text/plain', 'storage is down');
      case '/untyped.mp4':
        return send(res, 200, undefined, sampleMp4);
      case '/clip.webm':
        return send(res, 200, 'video/webm', Buffer.concat([webmHead, Buffer.alloc(4000, 7)]));
      default:
        return send(res, 404, 'text/plain', 'no such key');
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('downloadOutput refuses what is not a video', () => {
  const refusals = [
    { path: '/s3-error.mp4', reason: 'content-type', status: 200, says: /application\/xml, not a video/ },
    { path: '/page.mp4', reason: 'content-type', status: 200, says: /text\/html/ },
    { path: '/s3-error-octet.mp4', reason: 'not-video', status: 200, says: /not an MP4, QuickTime or WebM/ },
    { path: '/empty.mp4', reason: 'not-video', status: 200, says: /body is empty/ },
    {
      path: '/forbidden.mp4',
      reason: 'status',
      status: 403,
      says: /has expired \(HTTP 403\); no \{ client \}/,
    },
    { path: '/truncated.mp4', reason: 'truncated', status: 200, says: /after \d+ of \d+ bytes/ },
  ] as const;

  for (const { path, reason, status, says } of refusals) {
    it(`${path}: OutputDownloadError(${reason}), and no file at all is left`, async () => {
      const base = await storage();
      const dir = await tempDir();
      const file = join(dir, 'out.mp4');
      const task: SucceededTask = {
        id: 'task-9',
        status: 'SUCCEEDED',
        progress: 1,
        createdAt: new Date().toISOString(),
        raw: undefined,
        output: [`${base}${path}?X-Amz-Signature=secret`],
      };
      const error = await downloadOutput(task, file).catch((e) => e);
      expect(error).toBeInstanceOf(OutputDownloadError);
      expect(error).toBeInstanceOf(ActkitError);
      expect(error).toMatchObject({ reason, status, taskId: 'task-9' });
      expect(error.message).toMatch(says);
      expect(error.message).not.toContain('secret');
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('writes nothing to a WritableStream destination when the first bytes are not a video', async () => {
    const base = await storage();
    const chunks: Uint8Array[] = [];
    const sink = new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk) });
    const error = await downloadOutput(`${base}/s3-error-octet.mp4`, sink).catch((e) => e);
    expect(error).toMatchObject({ name: 'OutputDownloadError', reason: 'not-video' });
    expect(chunks).toEqual([]);
  });

  it('accepts a real MP4 with no Content-Type, and a WebM, byte for byte', async () => {
    const base = await storage();
    const dir = await tempDir();
    const mp4 = await downloadOutput(`${base}/untyped.mp4`, join(dir, 'a.mp4'));
    expect(mp4.bytes).toBe(sampleMp4.length);
    expect(readFileSync(join(dir, 'a.mp4')).equals(sampleMp4)).toBe(true);
    const webm = await downloadOutput(`${base}/clip.webm`, join(dir, 'b.webm'));
    expect(webm.bytes).toBe(webmHead.length + 4000);
    expect(readdirSync(dir).sort()).toEqual(['a.mp4', 'b.webm']);
  });

  it('videoContainerOf reads MP4, QuickTime and Matroska signatures and nothing else', () => {
    expect(videoContainerOf(sampleMp4.subarray(0, 12))).toBe('mp4');
    expect(videoContainerOf(Buffer.from('\0\0\0\x14ftypqt  \0\0\0\0', 'latin1'))).toBe('quicktime');
    expect(videoContainerOf(Buffer.from('\0\0\0\x08wide\0\0\0\0', 'latin1'))).toBe('quicktime');
    expect(videoContainerOf(webmHead)).toBe('matroska');
    expect(videoContainerOf(Buffer.from(s3Error))).toBeUndefined();
    expect(videoContainerOf(Buffer.from('{"error":"expired"}'))).toBeUndefined();
    expect(videoContainerOf(Buffer.from('ftyp'))).toBeUndefined();
  });
});
