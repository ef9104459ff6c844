// @actkit/hono: the actkit browser contract as a Hono sub-app, a thin mapping onto @actkit/core/server's Web
// Fetch entry.
export { type ActkitHono, type ActkitHonoOptions, actkit } from './actkit.js';
