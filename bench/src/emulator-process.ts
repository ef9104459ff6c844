// The emulator in a child process, through its published CLI. Used where this process's CPU must be the
// client's alone (request overhead, memory): an in-process emulator would bill its own work to the client.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface EmulatorProcess {
  url: string;
  /** The emulator's stats through its control route. */
  stats(): Promise<{ tasksCreated: number; requests: number; byRoute: Record<string, number> }>;
  close(): Promise<void>;
}

export async function spawnEmulator(flags: Record<string, string | number>): Promise<EmulatorProcess> {
  const cli = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@actkit/emulator/package.json')),
    'dist/cli.js',
  );
  const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)]);
  const child = spawn(process.execPath, [cli, '--quiet', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await firstLine(child);
  return {
    url,
    stats: async () => (await fetch(`${url}/__emulator/stats`)).json(),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The CLI's first stdout line is a contract: "actkit emulator listening on http://HOST:PORT". */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]!);
      else reject(new Error(`unexpected emulator output: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}
