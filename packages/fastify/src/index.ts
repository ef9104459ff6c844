// @actkit/fastify: the actkit browser contract as a Fastify plugin, a thin mapping onto
// @actkit/core/server's framework-free handler.
export { type ActkitFastifyOptions, actkitPlugin } from './actkit-plugin.js';
