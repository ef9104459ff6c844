// Registered symbols (Symbol.for), so the ESM and the CJS build of this package agree on the tokens even if
// an app ends up loading both.

/** Injection token of the `ActkitClient` (`createActkitClient`'s result): `@InjectActkit()` or `@Inject(ACTKIT_CLIENT)`. */
export const ACTKIT_CLIENT = Symbol.for('@actkit/nestjs:client');

/** Injection token of the module's options (`ActkitModuleOptions`, as given to forRoot or made by the factory). */
export const ACTKIT_MODULE_OPTIONS = Symbol.for('@actkit/nestjs:options');

/** Injection token of the framework-free handler behind the routes (only provided with a `routePrefix`). */
export const ACTKIT_HANDLER = Symbol.for('@actkit/nestjs:handler');
