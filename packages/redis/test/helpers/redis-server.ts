// A real redis-server (Debian's) for one test file: a free port on 127.0.0.1, no persistence, and no leftover
// process whatever happens. It runs under a small bash guard that kills it with -9 when this process's pipe
// to the guard closes: on stop(), on a normal exit, on a failing test, and when this process is itself
// killed (the kernel closes the pipe), so even a SIGKILLed test worker leaves no redis-server behind.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const redisServerPath = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

export interface RedisServer {
  url: string;
  port: number;
  /** The redis-server's own pid while it runs. */
  pid(): number | undefined;
  /** Kills redis-server (-9) and waits until the port refuses connections. Everything in it is lost. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty, as after a crash without persistence). */
  start(): Promise<void>;
  close(): Promise<void>;
}

const guards = new Set<ChildProcess>();
process.once('exit', () => {
  for (const guard of guards) guard.kill('SIGKILL');
});

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

// `read` returns when our end of the pipe closes; then the guard kills redis-server and exits.
const guardScript =
  'redis-server "$@" & pid=$!; echo "pid $pid"; read -r _; kill -9 $pid 2>/dev/null; wait $pid';

function spawnGuarded(port: number): Promise<{ guard: ChildProcess; pid: number }> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const guard = spawn(
    'bash',
    ['-c', guardScript.replace('redis-server', redisServerPath), 'redis-guard', ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  guards.add(guard);
  guard.once('exit', () => guards.delete(guard));
  let output = '';
  return new Promise((resolve, reject) => {
    let pid: number | undefined;
    const timeout = setTimeout(
      () => fail(new Error(`redis-server did not start on ${port}:\n${output}`)),
      10_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timeout);
      guard.stdin?.end();
      reject(error);
    };
    guard.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pid ??= Number(/pid (\d+)/.exec(output)?.[1]) || undefined;
      if (pid !== undefined && /Ready to accept connections/.test(output)) {
        clearTimeout(timeout);
        resolve({ guard, pid });
      }
    });
    guard.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    guard.once('exit', () => fail(new Error(`redis-server exited on port ${port}:\n${output}`)));
  });
}

async function stopGuard(guard: ChildProcess | undefined) {
  if (!guard || guard.exitCode !== null || guard.signalCode !== null) return;
  const exited = new Promise((resolve) => guard.once('exit', resolve));
  guard.stdin?.end();
  await Promise.race([exited, sleep(5000)]);
  guard.kill('SIGKILL');
}

/** Starts redis-server on a free port; retries on another port if it was taken meanwhile. */
export async function startRedisServer(): Promise<RedisServer> {
  let port = await freePort();
  let running: { guard: ChildProcess; pid: number } | undefined;
  for (let attempt = 0; !running; attempt++) {
    try {
      running = await spawnGuarded(port);
    } catch (error) {
      if (attempt >= 3) throw error;
      port = await freePort();
    }
  }
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => running?.pid,
    async stop() {
      const current = running;
      running = undefined;
      await stopGuard(current?.guard);
      while (await accepts(port)) await sleep(20);
    },
    async start() {
      if (running) return;
      running = await spawnGuarded(port);
    },
    close: () => server.stop(),
  };
  return server;
}
