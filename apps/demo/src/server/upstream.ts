// Where tasks really run: CometAPI when a key is set, otherwise the emulator started in this process, so the
// demo works on a machine with no key and no network.
import { randomBytes } from 'node:crypto';
import { createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import type { DemoConfig } from './demo-config.js';

export type DemoMode = 'emulator' | 'CometAPI';

export interface Upstream {
  mode: DemoMode;
  client: ReturnType<typeof createActkitClient>;
  /** Signs task handles (see DemoConfig.handleSecret). */
  handleSecret: string | undefined;
  /**
   * Upstream poll interval behind the page's live updates. The emulator is local and free to ask, so poll
   * often enough for a smooth progress bar; CometAPI keeps core's schedule (Runway updates about every 5 s).
   */
  pollIntervalMs: number | undefined;
  /** The in-process emulator in emulator mode (tests read its stats). */
  emulator?: Emulator;
  close(): Promise<void>;
}

export async function startUpstream(config: DemoConfig): Promise<Upstream> {
  if (config.apiKey) {
    return {
      mode: 'CometAPI',
      client: createActkitClient({ apiKey: config.apiKey }),
      // Unset: the handler derives it from this client's key (client.deriveSecret), so restarts keep handles
      // valid.
      handleSecret: config.handleSecret,
      pollIntervalMs: undefined,
      close: async () => {},
    };
  }
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', taskMs: config.emulatorTaskMs });
  return {
    mode: 'emulator',
    // The emulator accepts any Bearer token; this one is not a secret.
    client: createActkitClient({ apiKey: 'emulator', baseUrl: emulator.url }),
    handleSecret: config.handleSecret ?? randomBytes(32).toString('base64url'),
    pollIntervalMs: Math.min(500, Math.max(100, Math.round(config.emulatorTaskMs / 20))),
    emulator,
    close: () => emulator.close(),
  };
}
