// The contract's paths as Fastify routes, each with the handler's view of the path (relative to the
// plugin's prefix). Handles are URL-safe; find-my-way decodes params, so a foreign one is encoded again and
// the handler decodes it once, as it does for every adapter.

export interface ContractRoute {
  /** The route as registered with Fastify, under the plugin's prefix. */
  url: string;
  /** The path the handler routes on, from the route's params. */
  path(params: Record<string, string>): string;
}

// `/tasks/{handle}` and `/tasks/{handle}/events` are one wildcard route: Fastify caps a `:param` at
// `maxParamLength` (default 100 characters) and answers 414 past it, while a wildcard has no cap, so a handle
// sealing a long provider id still reaches the handler (which answers 404 for anything not a handle).
export const contractRoutes: readonly ContractRoute[] = [
  { url: '/character-performances', path: () => '/character-performances' },
  { url: '/tasks', path: () => '/tasks' },
  { url: '/tasks/*', path: (params) => `/tasks/${params['*'] ?? ''}` },
];
