// What the page's banner and the terminal say about where tasks run.
import type { DemoInfo } from '../shared/demo-api.js';
import type { DemoConfig } from './demo-config.js';
import type { Upstream } from './upstream.js';

export function demoInfo(upstream: Upstream, config: DemoConfig, backend: DemoInfo['backend']): DemoInfo {
  return upstream.mode === 'emulator'
    ? { mode: 'emulator', emulatorTaskMs: config.emulatorTaskMs, backend }
    : { mode: 'CometAPI', backend };
}

/**
 * The lines printed at start: the URL first, then where tasks run (never the key). The emulator's own URL
 * is printed for its control routes (/__emulator/stats, /__emulator/faults): inject a fault with curl.
 */
export function startupMessage(
  url: string,
  info: DemoInfo,
  emulatorUrl?: string,
  stateWhere?: string,
): string {
  const seconds = Math.round((info.emulatorTaskMs ?? 0) / 100) / 10;
  const where =
    info.mode === 'emulator'
      ? `No COMETAPI_KEY set: tasks run on the built-in emulator at ${emulatorUrl} (in this process, ~${seconds} s each, the same sample video every time).\nSet COMETAPI_KEY to generate real videos through CometAPI.`
      : 'COMETAPI_KEY is set: tasks run on CometAPI (real videos, paid credits).';
  const kept = stateWhere ? `\nTasks, limits and every browser's task list are kept ${stateWhere}.` : '';
  return `actkit demo (${info.backend} backend) at ${url}\n${where}${kept}\nPress Ctrl+C to stop.`;
}

/** A URL a person can open for the address the server listens on. */
export function displayUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}
