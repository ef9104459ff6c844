// One test stack: the emulator (the provider), a client pointed at it, and an adapter serving the contract.
// The client believes the provider lives at `providerOrigin` (a name that resolves nowhere); its fetch
// rewrites that to the emulator on 127.0.0.1. So the provider host the suite scans responses for is one
// only the server side ever knew, while the emulator's own origin is free to serve output videos (a CDN).
import { createActkitClient } from '@actkit/core';
import type { ActkitHandlerOptions } from '@actkit/core/server';
import { type Emulator, type EmulatorOptions, startEmulator } from '@actkit/emulator';
import { upstreamTaskGets } from '../../../packages/core/test/upstream-gets.js';
import type { ContractAdapter, RemoteStartOptions, RunningAdapter } from './adapter.js';
import { type Relay, startRelay } from './relay.js';

export const apiKey = 'sk-contract-suite-0123456789abcdef';
export const providerHost = 'api.provider-under-test.example';
const providerOrigin = `https://${providerHost}`;
export const handleSecret = 'contract-suite-handle-secret-32-bytes!';
/**
 * Text the fake provider puts in its error messages (an internal bucket host, as real provider messages can
 * name): no response the suite receives may carry it.
 */
export const providerErrorMarker = 'media-ingest.internal-bucket-7f3a.corp.example';
export const mountPath = '/api/actkit';

/** The suite's authorize: the owner is the `x-test-user` header; 'forbidden' is refused with a 403. */
export function authorize(raw: unknown): string | undefined {
  const user = (raw as { headers: Record<string, string | undefined> }).headers['x-test-user'];
  if (user === 'forbidden') throw Object.assign(new Error('not on the allow list'), { status: 403 });
  return user;
}

export interface Stack {
  emulator: Emulator;
  client: ActkitHandlerOptions['client'];
  /** The first adapter instance's contract URL. */
  url: string;
  /** The first instance's own app routes (see RunningAdapter.appUrl), when the adapter serves them. */
  appUrl: string | undefined;
  /** Provider task ids the client was given by create (to prove raw ids are refused). */
  providerIds: string[];
  /** Another adapter instance on the same emulator and client (or the `client` given). */
  startInstance(options?: Partial<ActkitHandlerOptions>): Promise<RunningAdapter>;
  /** A fresh client on the same emulator with its own API key (createActkitClient({ apiKey }), nothing else). */
  clientWithKey(apiKey: string): ActkitHandlerOptions['client'];
  /** Every error the first instance's `onError` received. */
  reported: unknown[];
  /** GETs of task state the emulator answered so far. */
  upstreamTaskGets(): number;
  close(): Promise<void>;
}

export interface StackOptions {
  emulator?: EmulatorOptions;
  handler?: Partial<ActkitHandlerOptions>;
}

export async function startStack(adapter: ContractAdapter, options: StackOptions = {}): Promise<Stack> {
  const emulator = await startEmulator({ taskMs: 400, ...options.emulator });
  const providerIds: string[] = [];
  const toEmulator: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = request.url.replace(providerOrigin, emulator.url);
    const body = request.method === 'GET' ? undefined : await request.text();
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
    });
    if (request.method === 'POST' && response.ok) {
      const id = ((await response.clone().json()) as { id?: string }).id;
      if (id) providerIds.push(id);
    }
    return response;
  };
  const keys = new WeakMap<object, string>();
  const clientWithKey = (key: string) => {
    const made = createActkitClient({
      apiKey: key,
      baseUrl: providerOrigin,
      fetch: toEmulator,
      maxRetries: 0,
    });
    keys.set(made, key);
    return made;
  };
  const client = clientWithKey(apiKey);
  // An app in another process reaches the same rewrite through a relay on 127.0.0.1.
  let relay: Relay | undefined;
  let remote: RemoteStartOptions | undefined;
  if (adapter.remote) {
    relay = await startRelay(providerOrigin, toEmulator);
    remote = {
      upstream: { apiKey, baseUrl: providerOrigin, rewriteTo: relay.url },
      ownerHeader: 'x-test-user',
      reporter: relay.reporter,
      apiKeyOf: (made) => (typeof made === 'object' && made !== null ? keys.get(made) : undefined),
    };
  }
  const instances: RunningAdapter[] = [];
  const reported: unknown[] = [];
  const startInstance = async (overrides: Partial<ActkitHandlerOptions> = {}) => {
    const instance = await adapter.start({
      client,
      authorize,
      secret: handleSecret,
      pollIntervalMs: 50,
      mountPath,
      remote,
      ...options.handler,
      ...overrides,
    });
    instances.push(instance);
    return instance;
  };
  const first = await startInstance({ onError: (error) => reported.push(error) });
  return {
    emulator,
    client,
    url: first.url,
    appUrl: first.appUrl,
    providerIds,
    startInstance,
    clientWithKey,
    reported,
    upstreamTaskGets: () => upstreamTaskGets(emulator),
    async close() {
      await Promise.all(instances.map((instance) => instance.close()));
      await relay?.close();
      await emulator.close();
    },
  };
}
