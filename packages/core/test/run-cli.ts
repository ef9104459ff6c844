// The built CLI (dist/cli.js) spawned as a user would run it: its exit code and both streams.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/**
 * Runs `node dist/cli.js ...args` with COMETAPI_KEY and ACTKIT_BASE_URL unset unless `env` sets them, in
 * `cwd` (this process's by default), and resolves when it exits.
 */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, cwd?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, COMETAPI_KEY: undefined, ACTKIT_BASE_URL: undefined, ...env },
      cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
