// Starts a long-running child (a server) and resolves once it prints a line matching `ready`, with the match;
// rejects with everything it printed when it exits first or takes too long.
import { spawn } from 'node:child_process';
import { cleanEnv } from './tools.ts';

export interface RunningProcess {
  /** The `ready` match, e.g. the URL the server announced. */
  match: RegExpExecArray;
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  ready: RegExp;
  timeoutMs?: number;
}

export function startProcess(
  command: string,
  args: string[],
  options: StartOptions,
): Promise<RunningProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} did not print ${options.ready} within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ match, output: () => output, stop });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}
