// @actkit/nestjs: a Nest module providing the actkit client and, opt-in, the browser contract as a
// controller: a thin mapping onto @actkit/core/server's framework-free handler.

export { ActkitModule } from './actkit.module.js';
export { ActkitExceptionFilter } from './actkit-exception-filter.js';
export type { ActkitForRootAsyncOptions, ActkitForRootOptions } from './actkit-module-definition.js';
export type { ActkitModuleExtras, ActkitModuleOptions } from './actkit-module-options.js';
export { InjectActkit } from './inject-actkit.js';
export { jsonBodiesOutside } from './json-bodies-outside.js';
export { ACTKIT_CLIENT, ACTKIT_MODULE_OPTIONS } from './tokens.js';
