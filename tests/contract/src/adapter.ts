import type { ActkitHandlerOptions } from '@actkit/core/server';

/** What the suite asks of an adapter: serve the contract with these handler options at `mountPath`. */
export interface AdapterStartOptions extends ActkitHandlerOptions {
  /** Where the app mounts the contract, e.g. '/api/actkit'. */
  mountPath: string;
}

export interface RunningAdapter {
  /** Base URL of the contract, mount path included, no trailing slash: http://127.0.0.1:PORT/api/actkit */
  url: string;
  /** Stops the server (open connections too) and the handler's watch loops. */
  close(): Promise<void>;
}

/** One server framework under test. Adding a framework to the suite = one entry in adapters.ts. */
export interface ContractAdapter {
  name: string;
  start(options: AdapterStartOptions): Promise<RunningAdapter>;
}
