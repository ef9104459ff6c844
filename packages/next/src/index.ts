// @actkit/next: the actkit browser contract as Next.js App Router route handlers, a thin mapping onto
// @actkit/core/server's Web Fetch entry.
export {
  type ActkitRouteContext,
  type ActkitRouteHandler,
  type ActkitRouteHandlers,
  type ActkitRouteHandlersOptions,
  createActkitRouteHandlers,
} from './create-actkit-route-handlers.js';
