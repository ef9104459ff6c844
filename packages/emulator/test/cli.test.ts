import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing a line`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('actkit-emulator bin', () => {
  beforeAll(() => {
    // The test runs the built file, as a user would; build when dist is missing (turbo builds before test).
    if (!existsSync(cli)) {
      const build = spawnSync('pnpm', ['build'], { cwd: pkg, stdio: 'inherit' });
      expect(build.status).toBe(0);
    }
  }, 60_000);

  it('starts with a shebang', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints the listening line first, serves, and exits 0 on %s',
    async (signal) => {
      const child = spawn(
        process.execPath,
        [cli, '--port', '0', '--task-ms', '300', '--shape', 'bare', '--quiet'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      try {
        const line = await firstLine(child);
        const match = /^actkit emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
        expect(match).not.toBeNull();
        const url = match![1]!;
        expect(Number(match![2])).toBeGreaterThan(0);
        const res = await fetch(`${url}/v1/tasks/nope`, { headers: { authorization: 'Bearer k' } });
        expect(res.status).toBe(404);
        expect((await res.json()).error.type).toBe('comet_api_error');
        const stats = await (await fetch(`${url}/__emulator/stats`)).json();
        expect(stats.requests).toBe(1);
        child.kill(signal);
        expect(await exitCode(child)).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  );

  it('honours --host, --concurrency and --not-found-polls', async () => {
    const child = spawn(
      process.execPath,
      [cli, '--port', '0', '--host', '127.0.0.1', '--concurrency', '1', '--not-found-polls', '1', '--quiet'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = (await firstLine(child)).split(' ').at(-1)!;
      const headers = { authorization: 'Bearer k', 'x-runway-version': '2024-11-06' };
      const body = {
        character: { type: 'image', uri: 'https://a.example/c.png' },
        reference: { type: 'video', uri: 'https://a.example/r.mp4' },
        bodyControl: true,
        expressionIntensity: 1,
        seed: 1,
        model: 'act_two',
        ratio: '1280:720',
        contentModeration: { publicFigureThreshold: 'auto' },
      };
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${url}/runwayml/v1/character_performance`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
        ids.push((await res.json()).id);
      }
      const first = await fetch(`${url}/runwayml/v1/tasks/${ids[1]}`, { headers });
      expect(first.status).toBe(400);
      expect((await first.json()).code).toBe('task_not_exist');
      await new Promise((r) => setTimeout(r, 700));
      const second = await (await fetch(`${url}/runwayml/v1/tasks/${ids[1]}`, { headers })).json();
      expect(second.data.status).toBe('QUEUED');
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects a bad option with exit code 2', async () => {
    const child = spawn(process.execPath, [cli, '--shape', 'round'], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(await exitCode(child)).toBe(2);
  });
});
