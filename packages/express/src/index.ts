// @actkit/express: the actkit browser contract as Express middleware, a thin mapping onto
// @actkit/core/server's framework-free handler.
export { actkitErrorHandler } from './actkit-error-handler.js';
export { type ActkitRouter, type ActkitRouterOptions, createActkitRouter } from './create-actkit-router.js';
