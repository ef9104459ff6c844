// Which contract operation a request is for. Paths are relative to the adapter's mount point.
export type Route =
  | { operation: 'startCharacterPerformance' }
  | { operation: 'listTasks' }
  | { operation: 'getTask'; handle: string }
  | { operation: 'streamTaskEvents'; handle: string }
  | { operation: 'methodNotAllowed'; allow: string }
  | { operation: 'notFound' };

/** A route to one of the contract's operations (what the handler serves once the request is authorized). */
export type OperationRoute = Exclude<Route, { operation: 'methodNotAllowed' | 'notFound' }>;

const taskPrefix = '/tasks/';

/**
 * The parts of `/tasks/{handle}` or `/tasks/{handle}/events` (the handle still encoded, never empty, no `/`),
 * or undefined for any other path. String scans, not a regular expression: this runs on every read.
 */
function taskPathParts(path: string): { encoded: string; events: boolean } | undefined {
  if (!path.startsWith(taskPrefix)) return undefined;
  const slash = path.indexOf('/', taskPrefix.length);
  const encoded = path.slice(taskPrefix.length, slash < 0 ? path.length : slash);
  if (encoded === '') return undefined;
  if (slash < 0) return { encoded, events: false };
  return path.length === slash + 7 && path.endsWith('/events') ? { encoded, events: true } : undefined;
}

/** The path without its query string and trailing slashes; allocates nothing for an already clean path. */
function cleanPath(rawPath: string): string {
  const query = rawPath.indexOf('?');
  const path = query < 0 ? rawPath : rawPath.slice(0, query);
  return path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}

/** True when `path` is one of the contract's paths (whatever the method): an adapter passes others on. */
export function isContractPath(rawPath: string): boolean {
  const path = cleanPath(rawPath);
  return path === '/character-performances' || path === '/tasks' || taskPathParts(path) !== undefined;
}

export function matchRoute(method: string, rawPath: string): Route {
  const path = cleanPath(rawPath) || '/';
  const verb = method === 'GET' || method === 'POST' ? method : method.toUpperCase();
  if (path === '/character-performances') {
    return verb === 'POST'
      ? { operation: 'startCharacterPerformance' }
      : { operation: 'methodNotAllowed', allow: 'POST' };
  }
  if (path === '/tasks') {
    return verb === 'GET' ? { operation: 'listTasks' } : { operation: 'methodNotAllowed', allow: 'GET' };
  }
  const parts = taskPathParts(path);
  if (!parts) return { operation: 'notFound' };
  if (verb !== 'GET') return { operation: 'methodNotAllowed', allow: 'GET' };
  const { encoded } = parts;
  let handle = encoded;
  // Our handles are URL-safe; only a foreign string needs decoding (and may fail to).
  if (encoded.includes('%')) {
    try {
      handle = decodeURIComponent(encoded);
    } catch {
      return { operation: 'notFound' };
    }
  }
  return parts.events ? { operation: 'streamTaskEvents', handle } : { operation: 'getTask', handle };
}

/**
 * The contract path of a task route (`/tasks/<handle>` or `/tasks/<handle>/events`) from the request's raw
 * URL (path and query, as received, mount and any prefix included): from the last `/tasks/`, without the
 * query, still percent-encoded. For adapters whose router matched a task route: their routers DECODE a
 * handle param (a `%2F` would become a separator), and decoding it once is the handler's job. Handles are
 * base64url (no `/`), so the last `/tasks/` of a task route's URL is where the contract path starts.
 */
export function taskPathOfUrl(rawUrl: string): string {
  const query = rawUrl.indexOf('?');
  const path = query < 0 ? rawUrl : rawUrl.slice(0, query);
  return path.slice(path.lastIndexOf(taskPrefix));
}
