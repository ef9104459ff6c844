// Runs one of this package's TypeScript files in a child process (through tsx) and hands back its first
// stdout line: how a child reports where it listens or what it measured.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Child {
  firstLine: Promise<string>;
  process: ChildProcess;
  kill(): Promise<void>;
}

const benchRoot = fileURLToPath(new URL('..', import.meta.url));

export function runChild(file: string, args: string[], nodeFlags: string[] = []): Child {
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', fileURLToPath(new URL(file, import.meta.url)), ...args],
    {
      cwd: benchRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before reporting`)));
  });
  return {
    firstLine,
    process: child,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
