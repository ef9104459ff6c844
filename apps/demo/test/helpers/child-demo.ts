// Runs a built demo entry (dist/server/*.js) as its own process, as `pnpm start:nest` would, on a free port
// with the emulator, and reads its URLs from what it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { DemoUnderTest } from './demo-flows.js';

export async function startChildDemo(entry: string, taskMs: number): Promise<DemoUnderTest> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    ACTKIT_DEMO_TASK_MS: String(taskMs),
  };
  delete env.COMETAPI_KEY; // the emulator, whatever the developer's shell has
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  try {
    const urls = await waitForUrls(child, () => output, 20_000);
    return { ...urls, close: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw new Error(`${entry} did not start: ${String(error)}\n${output}`);
  }
}

async function waitForUrls(child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const url = / at (http:\/\/\S+\/)\n/.exec(output())?.[1];
    const emulatorUrl = /emulator at (http:\/\/\S+) /.exec(output())?.[1];
    if (url && emulatorUrl) return { url, emulatorUrl };
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URL printed within ${timeoutMs} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
