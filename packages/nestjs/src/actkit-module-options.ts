import type { ActkitClient } from '@actkit/core';
import type { ActkitHandlerOptions } from '@actkit/core/server';

/**
 * What `ActkitModule.forRoot` / the `forRootAsync` factory provide: a client (or what to build one from)
 * and the handler's options for the routes. `routePrefix` and `isGlobal` are not here: they shape the
 * module itself, so they are given to `forRoot`/`forRootAsync` directly (see `ActkitModuleExtras`).
 */
export interface ActkitModuleOptions extends Partial<Omit<ActkitHandlerOptions, 'client'>> {
  /** A client from `createActkitClient`. Without it the module builds one from `apiKey`/`baseUrl`. */
  client?: ActkitClient;
  /** CometAPI key for the client the module builds; default: the `COMETAPI_KEY` environment variable. */
  apiKey?: string;
  /** API origin for the client the module builds (e.g. the emulator); default CometAPI's. */
  baseUrl?: string;
}

/** Options of the module itself, known before any factory runs (Nest needs its controllers up front). */
export interface ActkitModuleExtras {
  /** Registers the module's providers in the global scope; default true. */
  isGlobal?: boolean;
  /**
   * Serves the browser contract under this path (e.g. 'api/actkit', after any global prefix). Without it
   * the module adds no routes: it only provides the client.
   */
  routePrefix?: string;
}
