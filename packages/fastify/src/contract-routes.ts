// The contract's four paths as Fastify routes, each with the handler's view of the path (relative to the
// plugin's prefix). Handles are URL-safe; find-my-way decodes params, so a foreign one is encoded again and
// the handler decodes it once, as it does for every adapter.

export interface ContractRoute {
  /** The route as registered with Fastify, under the plugin's prefix. */
  url: string;
  /** The path the handler routes on, from the route's params. */
  path(params: Record<string, string>): string;
}

const handlePath = (params: Record<string, string>) => `/tasks/${encodeURIComponent(params.handle ?? '')}`;

export const contractRoutes: readonly ContractRoute[] = [
  { url: '/character-performances', path: () => '/character-performances' },
  { url: '/tasks', path: () => '/tasks' },
  { url: '/tasks/:handle', path: handlePath },
  { url: '/tasks/:handle/events', path: (params) => `${handlePath(params)}/events` },
];
