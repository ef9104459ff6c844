// The shared Next.js test app (tests/next-app) for this package's tests: started with `next start` against an
// emulator, its contract route configured by the harness.
import { type Emulator, type EmulatorOptions, startEmulator } from '@actkit/emulator';
import { type NextApp, startNextApp, type TestAppConfig } from '../../../tests/next-app/harness/index.ts';
import { upstreamTaskGets } from '../../core/test/upstream-gets.js';

export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

export interface RunningNextApp {
  app: NextApp;
  emulator: Emulator;
  /** GETs of task state the emulator answered so far. */
  upstreamTaskGets(): number;
  /** Starts a task as `user` on the mount (`/api/actkit`, or `/edge/api/actkit` for the Edge route). */
  start(mount: string, user?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    emulator?: EmulatorOptions;
    handler?: Partial<TestAppConfig['handler']>;
    owner?: TestAppConfig['owner'];
  } = {},
): Promise<RunningNextApp> {
  const emulator = await startEmulator({ taskMs: 300, ...options.emulator });
  const app = await startNextApp({
    config: {
      upstream: { apiKey: 'next-test-key', baseUrl: emulator.url },
      handler: { secret: 'next-adapter-tests-secret-0123456789', pollIntervalMs: 50, ...options.handler },
      owner: options.owner ?? { header: 'x-user' },
    },
    warm: ['/api/actkit', '/edge/api/actkit'],
  });
  return {
    app,
    emulator,
    upstreamTaskGets: () => upstreamTaskGets(emulator),
    async start(mount, user = 'alice') {
      const response = await fetch(`${app.origin}${mount}/character-performances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': user },
        body: JSON.stringify(validInput),
      });
      if (response.status !== 202)
        throw new Error(`create: HTTP ${response.status} ${await response.text()}`);
      return ((await response.json()) as { task: { handle: string } }).task.handle;
    },
    async close() {
      await app.stop();
      await emulator.close();
    },
  };
}
