// Everything the demo reads from the environment, in one place. Adapters and the page never read env vars.

export interface DemoConfig {
  /** Port to listen on; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** CometAPI key; when absent the demo runs the emulator in-process. Never sent to the browser. */
  apiKey: string | undefined;
  /** Emulator task duration in ms (create → terminal state). */
  emulatorTaskMs: number;
  /** Signs task handles; random per process when unset (handles then die with the process: fine for a demo). */
  handleSecret: string | undefined;
  /** Redis for the server state (limits, every owner's task list); unset: in this process. */
  redisUrl?: string;
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer`);
  return parsed;
}

export function readDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  return {
    port: integer('PORT', env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    apiKey: env.COMETAPI_KEY || undefined,
    emulatorTaskMs: integer('ACTKIT_DEMO_TASK_MS', env.ACTKIT_DEMO_TASK_MS, 8000),
    handleSecret: env.ACTKIT_HANDLE_SECRET || undefined,
    redisUrl: env.REDIS_URL || undefined,
  };
}
