// App instances as separate Node processes (test/fixtures/instance.ts, bundled by build-instance.ts):
// started on a free port, killed with SIGKILL like a crashed server or stopped with SIGTERM like a deploy,
// and never left behind: each one exits when its stdin (a pipe from this process) closes, which the kernel
// does when this process dies.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { instanceBundle } from './build-instance.js';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface InstanceSettings {
  name: string;
  framework?: 'express' | 'nest';
  redisUrl: string;
  keyPrefix: string;
  emulatorUrl: string;
  /** Per-owner limits (the handler's `limits`); default: high enough not to matter. */
  limits?: { activeTasks?: number; createsPerMinute?: number; openStreams?: number };
  /** File to append one JSON line to per onTaskSettled call; unset: no onTaskSettled. */
  settledLog?: string;
  leaseMs?: number;
  pollMs?: number;
  createTimeoutMs?: number;
  /** The store's operationTimeoutMs; default 500 (outage tests want a fast 503). */
  redisTimeoutMs?: number;
  /** More handler options (JSON-able). */
  handler?: Record<string, unknown>;
  /** `memory`: the instance keeps its state in its own process (createMemoryStore); default `redis`. */
  store?: 'redis' | 'memory';
}

export interface Instance {
  name: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The contract's base URL (origin + /api/actkit). */
  url: string;
  pid: number;
  output(): string;
  /** SIGKILL: the process dies mid-whatever, releasing nothing. */
  kill(): Promise<void>;
  /** SIGTERM: the instance closes its server and store (releases its leases), then exits. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

export async function startInstance(settings: InstanceSettings): Promise<Instance> {
  const child = spawn(process.execPath, [instanceBundle], {
    cwd: packageRoot,
    env: {
      ...process.env,
      INSTANCE_NAME: settings.name,
      FRAMEWORK: settings.framework ?? 'express',
      REDIS_URL: settings.redisUrl,
      KEY_PREFIX: settings.keyPrefix,
      EMULATOR_URL: settings.emulatorUrl,
      LIMITS: JSON.stringify({
        activeTasks: 1000,
        createsPerMinute: 1000,
        openStreams: 1000,
        ...settings.limits,
      }),
      LEASE_MS: String(settings.leaseMs ?? 1000),
      POLL_MS: String(settings.pollMs ?? 100),
      CREATE_TIMEOUT_MS: String(settings.createTimeoutMs ?? 3000),
      REDIS_TIMEOUT_MS: String(settings.redisTimeoutMs ?? 500),
      HANDLER_OPTIONS: JSON.stringify(settings.handler ?? {}),
      STORE: settings.store ?? 'redis',
      ...(settings.settledLog ? { SETTLED_LOG: settings.settledLog } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance ${settings.name} did not start:\n${output}`));
    }, 20_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`instance ${settings.name} exited (${code ?? signal}) before it was ready:\n${output}`),
      );
    });
  });
  return {
    name: settings.name,
    origin,
    url: `${origin}/api/actkit`,
    pid: child.pid!,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      const done = exited(child);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    },
  };
}

/** Stops every instance still running (afterAll). */
export async function stopAllInstances(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      child.kill('SIGKILL');
      await exited(child);
    }),
  );
}
