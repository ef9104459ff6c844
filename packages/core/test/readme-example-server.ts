// Runs a README's server example exactly as written: its ```js block under a heading, saved as server.mjs in
// a directory inside the package whose README it is (so it resolves that package's dependencies and the
// BUILT @actkit packages), started as a real node process on a free port. Shared by the adapters' README
// tests (Express, Fastify, Hono).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The first ```js block after `heading` in the README at `readmePath`; throws when there is none. */
export function exampleSource(readmePath: string, heading = '## Example'): string {
  const text = readFileSync(readmePath, 'utf8');
  const match = /```js\n([\s\S]*?)```/.exec(text.slice(text.indexOf(heading)));
  if (!match?.[1]) throw new Error(`no \`\`\`js block under "${heading}" in ${readmePath}`);
  return match[1];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ExampleServer {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Kills the process if it still runs and removes the work directory. */
  stop(): void;
}

/**
 * Writes the example to `workDir/server.mjs` and starts it with `env` plus `PORT`; resolves once it prints
 * "listening on" (stdout or stderr), rejects with its output when it exits first.
 */
export async function startExampleServer(options: {
  readmePath: string;
  workDir: string;
  env: Record<string, string>;
  heading?: string;
}): Promise<ExampleServer> {
  const { workDir } = options;
  mkdirSync(workDir, { recursive: true });
  writeFileSync(`${workDir}/server.mjs`, exampleSource(options.readmePath, options.heading));
  const port = await freePort();
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: workDir,
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('listening on')) resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => reject(new Error(`the README example exited with ${code}: ${output}`)));
  });
  return {
    child,
    origin: `http://127.0.0.1:${port}`,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
