// Starts the built test app with `next start` as a child process on a free 127.0.0.1 port, configured by a
// TestAppConfig (the ACTKIT_TEST_APP variable) and any extra environment; builds it first if needed.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { type TestAppConfig, testAppConfigVariable } from '../lib/test-app-config.ts';
import { appDir, ensureNextAppBuilt } from '../scripts/build.mjs';

export interface NextAppOptions {
  /** The contract route's configuration; without it only routes that need none work (the README example). */
  config?: TestAppConfig;
  /** More environment variables (COMETAPI_KEY, ACTKIT_BASE_URL, SESSION_SECRET for the README example). */
  env?: Record<string, string>;
  /**
   * Contract mounts to load before the app counts as started (Next loads a route's module on its first
   * request); default `/api/actkit` when there is a `config`.
   */
  warm?: string[];
}

/** What the app's Node.js runtime holds now (from its test-only /api/test-stats route). */
export interface NextAppStats {
  /** Upstream watch loops of the contract route's handler. */
  activeLoops: number;
  /** `process.getActiveResourcesInfo()` counted by type: `Timeout`, `TCPSocketWrap`, … */
  resources: Record<string, number>;
}

export interface NextApp {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  /** The server process id. */
  pid: number;
  /** The stats of the Node.js runtime, or of the Edge runtime (`'edge'`: loops only, no resources). */
  stats(runtime?: 'nodejs' | 'edge'): Promise<NextAppStats>;
  /** Everything the server printed. */
  output(): string;
  stop(): Promise<void>;
}

const nextBin = path.join(appDir, 'node_modules', 'next', 'dist', 'bin', 'next');
const running = new Set<ChildProcess>();
// A test process that ends without stopping its apps (a crash, a timeout) must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    running.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startNextApp(options: NextAppOptions = {}): Promise<NextApp> {
  await ensureNextAppBuilt();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env };
  if (options.config) env[testAppConfigVariable] = JSON.stringify(options.config);
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`next start was not ready in 30 s:\n${output}`)), 30_000);
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (/Ready in/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`next start exited (${code}) before it was ready:\n${output}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  // Next loads a route's module on its first request: load the contract routes now (a wrong method answers
  // 405 without authorize or upstream), so a suite's first request is not also the app's cold start.
  for (const mount of options.warm ?? (options.config ? ['/api/actkit'] : [])) {
    await (await fetch(`${origin}${mount}/character-performances`)).arrayBuffer();
  }
  return {
    origin,
    pid: child.pid ?? 0,
    async stats(runtime = 'nodejs') {
      const response = await fetch(`${origin}${runtime === 'edge' ? '/edge' : ''}/api/test-stats`);
      if (!response.ok) throw new Error(`GET /api/test-stats: HTTP ${response.status}`);
      return (await response.json()) as NextAppStats;
    },
    output: () => output,
    stop: () => stopChild(child),
  };
}
