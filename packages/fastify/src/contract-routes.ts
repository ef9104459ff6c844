// The contract's paths as Fastify routes, each with the handler's view of the path (relative to the
// plugin's prefix). Task paths are taken from the raw URL, still encoded, so the handler decodes a foreign
// handle once, as it does for every adapter.
import { taskPathOfUrl } from '@actkit/core/server';

export interface ContractRoute {
  /** The route as registered with Fastify, under the plugin's prefix. */
  url: string;
  /** The path the handler routes on, from the request's raw URL (path and query, as received). */
  path(rawUrl: string): string;
}

// `/tasks/{handle}` and `/tasks/{handle}/events` are one wildcard route: Fastify caps a `:param` at
// `maxParamLength` (default 100 characters) and answers 414 past it, while a wildcard has no cap, so a handle
// sealing a long provider id still reaches the handler (which answers 404 for anything not a handle).
export const contractRoutes: readonly ContractRoute[] = [
  { url: '/character-performances', path: () => '/character-performances' },
  { url: '/tasks', path: () => '/tasks' },
  { url: '/tasks/*', path: taskPathOfUrl },
];
