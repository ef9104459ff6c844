// TypeScript users (ESM) of every public entry point: the names below must resolve with types.
import { type ActkitClient, ActkitError, createActkitClient, type Task } from '@actkit/core';
import { downloadOutput } from '@actkit/core/node';
import { type ActkitHandlerOptions, createActkitHandler, createMemoryStore } from '@actkit/core/server';
import { type ConformanceTestApi, describeStoreConformance } from '@actkit/core/testing';
import { type Emulator, startEmulator } from '@actkit/emulator';

export async function check(): Promise<string> {
  const emulator: Emulator = await startEmulator({ port: 0 });
  const client: ActkitClient = createActkitClient({ apiKey: 'k', baseUrl: emulator.url });
  const options: ActkitHandlerOptions = { client, authorize: () => 'owner', secret: 'x'.repeat(32) };
  const handler = createActkitHandler(options);
  const task: Task = await client.tasks.retrieve('id');
  if (task.status === 'SUCCEEDED') await downloadOutput(task, 'out.mp4');
  await handler.close();
  await emulator.close();
  return task.status satisfies string;
}
export const isActkitError = (error: unknown): boolean => error instanceof ActkitError;

/** A store author's test file: the conformance suite over the memory store with their test functions. */
export function conformance(api: ConformanceTestApi): void {
  describeStoreConformance(
    'memory store',
    ({ ledgerRetentionMs }) => createMemoryStore({ ledgerRetentionMs }),
    api,
  );
}
