// Runs a README's server example exactly as written: its ```js block under a heading, saved as server.mjs in
// a directory inside the package whose README it is (so it resolves that package's dependencies and the
// BUILT @actkit packages), started as a real node process on a free port. Shared by the adapters' README
// tests (Express, Fastify, Hono; Nest and Redis start their own files through `startExampleFile`).
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

/** A README example running as its own node process. */
export interface ExampleProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

/**
 * Starts `workDir/file` (already written) with `env` plus `PORT` on a free port; resolves once it prints
 * "listening on" (stdout or stderr), rejects with its output when it exits first. The adapters' README
 * tests, Nest's (compiled TypeScript examples) and Redis's (several instances of one file) all start here.
 */
export async function startExampleFile(options: {
  workDir: string;
  file: string;
  env: Record<string, string>;
}): Promise<ExampleProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [options.file], {
    cwd: options.workDir,
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
    child.once('exit', (code) =>
      reject(new Error(`the README example ${options.file} exited with ${code}: ${output}`)),
    );
  });
  return { child, origin: `http://127.0.0.1:${port}`, output: () => output };
}

export interface ExampleServer extends ExampleProcess {
  /** Kills the process if it still runs and removes the work directory. */
  stop(): void;
}

/** Writes the README's example to `workDir/server.mjs` and starts it (see `startExampleFile`). */
export async function startExampleServer(options: {
  readmePath: string;
  workDir: string;
  env: Record<string, string>;
  heading?: string;
}): Promise<ExampleServer> {
  const { workDir } = options;
  mkdirSync(workDir, { recursive: true });
  writeFileSync(`${workDir}/server.mjs`, exampleSource(options.readmePath, options.heading));
  const example = await startExampleFile({ workDir, file: 'server.mjs', env: options.env });
  return {
    ...example,
    stop() {
      const { child } = example;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
