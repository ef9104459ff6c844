import type { ActkitHandlerOptions } from '@actkit/core/server';

/** What the suite asks of an adapter: serve the contract with these handler options at `mountPath`. */
export interface AdapterStartOptions extends ActkitHandlerOptions {
  /** Where the app mounts the contract, e.g. '/api/actkit'. */
  mountPath: string;
  /** Set for an adapter with `remote: true`: what its app needs to build the same client and authorize. */
  remote?: RemoteStartOptions;
}

/**
 * For an app in another process, which cannot take the suite's `client` and `authorize` functions: it builds
 * an equivalent client from `upstream` and applies the suite's authorize rule itself; every other handler
 * option it gets is plain data (secret, limits, pollIntervalMs, heartbeatMs, …), to pass on as JSON.
 */
export interface RemoteStartOptions {
  upstream: {
    apiKey: string;
    /** The provider origin the client believes in (the host the leak scan looks for). */
    baseUrl: string;
    /** Where requests to `baseUrl` must go: the stack's relay to the emulator (it records provider ids). */
    rewriteTo: string;
  };
  /** The suite's authorize rule: the owner is this request header; 'forbidden' → 403; absent → 401. */
  ownerHeader: string;
  /** A URL the app POSTs what its `onError` gets to, reaching `onError` in the test process. */
  reporter(onError: (error: unknown) => void): string;
  /** The API key of a client the suite made (`stack.clientWithKey`), for the app to build the same one. */
  apiKeyOf(client: unknown): string | undefined;
}

export interface RunningAdapter {
  /** Base URL of the contract, mount path included, no trailing slash: http://127.0.0.1:PORT/api/actkit */
  url: string;
  /**
   * Base URL of the app's OWN routes, as a user of the adapter writes them (see `ContractAdapter.appRoute`):
   * `POST {appUrl}/renders` creates through the client with the JSON body and answers 201 `{ id }`; an
   * error it throws is answered by the framework's actkit error handling (Express `actkitErrorHandler`,
   * Nest `ActkitExceptionFilter`).
   */
  appUrl?: string;
  /** Stops the server (open connections too) and the handler's watch loops. */
  close(): Promise<void>;
}

/** One server framework under test. Adding a framework to the suite = one entry in adapters.ts. */
export interface ContractAdapter {
  name: string;
  /** True when the adapter also serves the app's own route (`RunningAdapter.appUrl`) with its error handler. */
  appRoute?: boolean;
  /** The app runs in another process: the stack starts a relay and passes `remote` options. */
  remote?: boolean;
  start(options: AdapterStartOptions): Promise<RunningAdapter>;
}
