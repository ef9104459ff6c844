#!/usr/bin/env node
// actkit-emulator: runs the emulator until SIGINT/SIGTERM. The first stdout line is a contract (scripts and
// tests wait for it): exactly "actkit emulator listening on http://HOST:PORT".
import { parseArgs } from 'node:util';
import { DEFAULT_TASK_MS } from './options.js';
import { startEmulator } from './server.js';

const HELP = `Usage: actkit-emulator [options]

  --port <n>              port to listen on (0 = any free port; default 0)
  --host <host>           interface to bind (default 127.0.0.1)
  --task-ms <ms>          how long a task takes to finish (default ${DEFAULT_TASK_MS})
  --shape <shape>         Get Task Details shape: bare | wrapped | mixed (default wrapped)
  --concurrency <n>       max RUNNING tasks; the rest are THROTTLED (default 4)
  --not-found-polls <n>   a fresh task answers task_not_exist for its first n polls (default 0)
  --api-key <key>         accept only this Bearer token (default: any)
  --output-ttl-ms <ms>    how long a handed-out output URL works (default 86400000, 24 h)
  --quiet                 do not log requests to stderr
  --help                  show this help
`;

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`actkit-emulator: --${name} must be a non-negative integer, got "${value}"\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'task-ms': { type: 'string' },
      shape: { type: 'string' },
      concurrency: { type: 'string' },
      'not-found-polls': { type: 'string' },
      'api-key': { type: 'string' },
      'output-ttl-ms': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const shape = values.shape ?? 'wrapped';
  if (shape !== 'bare' && shape !== 'wrapped' && shape !== 'mixed') {
    process.stderr.write(`actkit-emulator: --shape must be bare, wrapped or mixed, got "${shape}"\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    port: integer('port', values.port, 0),
    host: values.host ?? '127.0.0.1',
    taskMs: integer('task-ms', values['task-ms'], DEFAULT_TASK_MS),
    shape,
    concurrency: Math.max(1, integer('concurrency', values.concurrency, 4)),
    notFoundPolls: integer('not-found-polls', values['not-found-polls'], 0),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(values['output-ttl-ms'] === undefined
      ? {}
      : { outputTtlMs: Math.max(1, integer('output-ttl-ms', values['output-ttl-ms'], 0)) }),
    quiet: values.quiet ?? false,
  });
  process.stdout.write(`actkit emulator listening on ${emulator.url}\n`);

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`actkit-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
