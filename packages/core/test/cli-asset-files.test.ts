// `actkit run` with files from disk (made by ffmpeg at test time) for --character and --reference, the built
// CLI spawned as a user runs it, in a directory holding the files, against the emulator on 127.0.0.1.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulator } from './helpers.js';
import { clip, MB, padMp4, png } from './media-clips.js';
import { cli, runCli } from './run-cli.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory holding `files` (name → bytes): the CLI runs in it, so paths are relative. */
async function folderWith(files: Record<string, Uint8Array | string>) {
  const dir = await mkdtemp(join(tmpdir(), 'actkit-cli-files-'));
  dirs.push(dir);
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  return dir;
}

const dataUri = (type: string, bytes: Uint8Array) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('actkit run with files from disk', () => {
  beforeAll(() => {
    if (!existsSync(cli))
      throw new Error(`${cli} is missing: run \`pnpm --filter @actkit/core build\` first`);
  });

  it('reads ./face.png and a 1 MB ./clip.mp4, sends them as data: URIs of their types; SUCCEEDED, exit 0', async () => {
    const emu = await emulator({ taskMs: 300 });
    const face = await png();
    // 1 MB: far over what one argument may hold as a data: URI (Linux: 128 KB), and a real clip's size.
    const performance = padMp4(await clip(5), MB);
    const dir = await folderWith({ 'face.png': face, 'clip.mp4': performance });
    const result = await runCli(
      ['run', '--character', './face.png', '--reference', './clip.mp4', '--out', 'out.mp4'],
      { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url },
      dir,
    );
    expect(result.stderr).not.toMatch(/invalid input/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.status).toBe('SUCCEEDED');
    expect(readFileSync(join(dir, 'out.mp4')).length).toBeGreaterThan(1000);
    const body = emu.task(summary.id)?.body;
    expect(body?.character).toEqual({ type: 'image', uri: dataUri('image/png', face) });
    expect(body?.reference).toEqual({ type: 'video', uri: dataUri('video/mp4', performance) });
  });

  it('takes the type from the bytes: a video character (no --character-type), a MOV, a WebM named .bin', async () => {
    const emu = await emulator({ taskMs: 200 });
    const [mp4, mov, webm] = await Promise.all([clip(4), clip(5, 'mov'), clip(6, 'webm')]);
    const dir = await folderWith({ 'me.mp4': mp4, 'take.mov': mov, 'take.bin': webm });
    const env = { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url };
    const movRun = await runCli(['run', '--character', 'me.mp4', '--reference', 'take.mov'], env, dir);
    expect(movRun.stderr).not.toMatch(/invalid input/);
    expect(movRun.code).toBe(0);
    const movBody = emu.task(JSON.parse(movRun.stdout).id)?.body;
    expect(movBody?.character).toEqual({ type: 'video', uri: dataUri('video/mp4', mp4) });
    expect(movBody?.reference.uri).toBe(dataUri('video/quicktime', mov));
    const webmRun = await runCli(
      ['run', '--character', join(dir, 'me.mp4'), '--reference', join(dir, 'take.bin')],
      env,
      dir, // absolute paths; the output lands here too
    );
    expect(webmRun.code).toBe(0);
    expect(emu.task(JSON.parse(webmRun.stdout).id)?.body.reference.uri).toBe(dataUri('video/webm', webm));
  });

  it("a 2 s clip: core's duration error naming the flag and the file; exit 2, nothing sent", async () => {
    const emu = await emulator();
    const dir = await folderWith({ 'face.png': await png(), 'short.mp4': await clip(2) });
    const result = await runCli(
      ['run', '--character', './face.png', '--reference', './short.mp4'],
      { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url },
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'reference.uri (--reference ./short.mp4): is 2.0 s long; the reference clip must be 3–30 s',
    );
    expect(emu.stats.requests).toBe(0);
  });

  it("files of the wrong kind, and one over its cap, get core's words with the flag and file; exit 2", async () => {
    const emu = await emulator();
    const env = { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url };
    const dir = await folderWith({
      'face.png': await png(),
      'notes.txt': 'not a picture\n',
      'fake.mp4': 'not a video either\n',
      'huge.mp4': padMp4(await clip(5), 17 * MB),
    });
    const kinds = await runCli(['run', '--character', 'notes.txt', '--reference', 'face.png'], env, dir);
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toMatch(
      /character\.uri \(--character notes\.txt\): is labelled application\/octet-stream; an image must be JPEG, PNG or WebP/,
    );
    expect(kinds.stderr).toMatch(
      /reference\.uri \(--reference face\.png\): is labelled image\/png; a video must be MP4, MOV or WebM/,
    );
    const text = await runCli(['run', '--character', 'face.png', '--reference', 'fake.mp4'], env, dir);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(
      /reference\.uri \(--reference fake\.mp4\): is labelled video\/mp4 but its bytes are not an MP4\/MOV video \(they look like text\)/,
    );
    const huge = await runCli(['run', '--character', 'face.png', '--reference', 'huge.mp4'], env, dir);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(
      /reference\.uri \(--reference huge\.mp4\): is 17 MB once decoded; a video data: URI may hold at most 16 MB/,
    );
    expect(emu.stats.requests).toBe(0);
  });

  it('a path that names no file (or a directory): a usage error naming the flag; exit 2, nothing sent', async () => {
    const emu = await emulator();
    const env = { COMETAPI_KEY: 'k', ACTKIT_BASE_URL: emu.url };
    const dir = await folderWith({ 'face.png': await png() });
    await mkdir(join(dir, 'clips'));
    const missing = await runCli(['run', '--character', './face.png', '--reference', './nope.mp4'], env, dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('actkit: --reference ./nope.mp4: no such file');
    const folder = await runCli(['run', '--character', './clips', '--reference', './nope.mp4'], env, dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('actkit: --character ./clips: is not a file');
    // A URL with another scheme is no path: core refuses it in its own words.
    const http = await runCli(
      ['run', '--character', 'http://assets.example.com/face.png', '--reference', './face.png'],
      env,
      dir,
    );
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('character.uri: must be an https URL with a host name (not http:)');
    expect(emu.stats.requests).toBe(0);
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/--character ASSET --reference ASSET/);
    expect(help.stdout).toMatch(/the path of a file/);
  });

  it("the README's file example runs as written (on the built-in emulator, no key)", async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const line = /^npx actkit run --emulator --character \.\/face\.png .*$/m.exec(readme)?.[0];
    expect(line).toBeDefined();
    const dir = await folderWith({ 'face.png': await png(), 'performance.mp4': await clip(5) });
    // `npx actkit` is this package's bin: dist/cli.js, run with this node. The emulator's tasks are made short.
    const args = line!.replace(/^npx actkit /, '').split(' ');
    const result = await promisify(execFile)(process.execPath, [cli, ...args, '--emulator-task-ms', '300'], {
      cwd: dir,
      env: { ...process.env, COMETAPI_KEY: undefined, ACTKIT_BASE_URL: undefined },
      timeout: 30_000,
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'SUCCEEDED', file: 'out.mp4' });
    expect(readFileSync(join(dir, 'out.mp4')).length).toBeGreaterThan(1000);
  });
});
