// The Nest idiom for configurable modules: forRoot / forRootAsync with an options token, plus two extras
// that shape the module itself (global scope, routes) and so must be known before any factory runs.
import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import type { ActkitModuleExtras, ActkitModuleOptions } from './actkit-module-options.js';
import { clientProvider, handlerProvider } from './actkit-providers.js';
import { BodyParserBypass } from './body-parser-bypass.js';
import { createActkitController } from './create-actkit-controller.js';
import { ACTKIT_CLIENT, ACTKIT_MODULE_OPTIONS } from './tokens.js';

const defaultExtras: ActkitModuleExtras = { isGlobal: true, routePrefix: undefined };

/**
 * Adds the client (always) and, with a `routePrefix`, the handler, the controller serving it and the body
 * parser bypass for its routes.
 */
function withActkit(definition: DynamicModule, { isGlobal, routePrefix }: ActkitModuleExtras): DynamicModule {
  return {
    ...definition,
    global: isGlobal !== false, // an explicit `isGlobal: undefined` overrides the default extra too
    providers: [
      ...(definition.providers ?? []),
      clientProvider,
      ...(routePrefix ? [handlerProvider, BodyParserBypass] : []),
    ],
    controllers: routePrefix ? [createActkitController(routePrefix)] : [],
    exports: [ACTKIT_CLIENT, ACTKIT_MODULE_OPTIONS],
  };
}

export const {
  ConfigurableModuleClass: ConfigurableActkitModule,
  OPTIONS_TYPE: ACTKIT_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ACTKIT_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ActkitModuleOptions>({ optionsInjectionToken: ACTKIT_MODULE_OPTIONS })
  .setClassMethodName('forRoot')
  .setExtras(defaultExtras, withActkit)
  .build();

/** What `ActkitModule.forRoot` takes: the module options plus `isGlobal` and `routePrefix`. */
export type ActkitForRootOptions = typeof ACTKIT_OPTIONS_TYPE;

/** What `ActkitModule.forRootAsync` takes: `imports`, `inject`, `useFactory` (or `useClass`/`useExisting`), plus the extras. */
export type ActkitForRootAsyncOptions = typeof ACTKIT_ASYNC_OPTIONS_TYPE;
