// What the demo's emulator saw, asked through its HTTP control routes: works for a demo in this process and
// for one in a child process alike.
import type { EmulatorStats, EmulatorTaskInfo, Fault } from '@actkit/emulator';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export const emulatorStats = (emulatorUrl: string) =>
  getJson<EmulatorStats>(`${emulatorUrl}/__emulator/stats`);

export const emulatorTask = (emulatorUrl: string, id: string) =>
  getJson<EmulatorTaskInfo>(`${emulatorUrl}/__emulator/tasks/${encodeURIComponent(id)}`);

/** Creates that reached the emulator (on either create route). */
export const createsSeen = (stats: EmulatorStats) =>
  (stats.byRoute['POST /runwayml/v1/character_performance'] ?? 0) +
  (stats.byRoute['POST /v1/character_performance'] ?? 0);

/** Queues a fault (e.g. a slow create answer) in the demo's emulator. */
export async function injectFault(emulatorUrl: string, fault: Fault): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`injecting a fault answered ${response.status}`);
}
