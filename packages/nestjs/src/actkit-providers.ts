// The client and the handler, built from the module options once the (possibly async) factory has run.
import { type ActkitClient, createActkitClient } from '@actkit/core';
import { type ActkitHandler, type Authorize, createActkitHandler } from '@actkit/core/server';
import type { FactoryProvider } from '@nestjs/common';
import type { ActkitModuleOptions } from './actkit-module-options.js';
import { ACTKIT_CLIENT, ACTKIT_HANDLER, ACTKIT_MODULE_OPTIONS } from './tokens.js';

/** The app's client when it gave one, else one built from `apiKey`/`baseUrl` (or COMETAPI_KEY). */
export const clientProvider: FactoryProvider<ActkitClient> = {
  provide: ACTKIT_CLIENT,
  inject: [ACTKIT_MODULE_OPTIONS],
  useFactory: ({ client, apiKey, baseUrl }: ActkitModuleOptions) =>
    client ?? createActkitClient({ apiKey, baseUrl }),
};

/** The handler the routes delegate to; throws at start-up on a missing `authorize` or secret. */
export const handlerProvider: FactoryProvider<ActkitHandler> = {
  provide: ACTKIT_HANDLER,
  inject: [ACTKIT_MODULE_OPTIONS, ACTKIT_CLIENT],
  useFactory: (options: ActkitModuleOptions, client: ActkitClient) => {
    const { client: _given, apiKey: _key, baseUrl: _url, authorize, ...handlerOptions } = options;
    // `authorize` is optional in the options type (a module without routes needs none); the handler
    // refuses to start without it, so routes never come up open.
    return createActkitHandler({ ...handlerOptions, client, authorize: authorize as Authorize });
  },
};
