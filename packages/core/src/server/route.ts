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

const taskPath = /^\/tasks\/([^/]+)(\/events)?$/;

/** The path without its query string and trailing slashes; allocates nothing for an already clean path. */
function cleanPath(rawPath: string): string {
  const query = rawPath.indexOf('?');
  const path = query < 0 ? rawPath : rawPath.slice(0, query);
  return path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}

/** True when `path` is one of the contract's paths (whatever the method): an adapter passes others on. */
export function isContractPath(rawPath: string): boolean {
  const path = cleanPath(rawPath);
  return path === '/character-performances' || path === '/tasks' || taskPath.test(path);
}

export function matchRoute(method: string, rawPath: string): Route {
  const path = cleanPath(rawPath) || '/';
  const verb = method.toUpperCase();
  if (path === '/character-performances') {
    return verb === 'POST'
      ? { operation: 'startCharacterPerformance' }
      : { operation: 'methodNotAllowed', allow: 'POST' };
  }
  if (path === '/tasks') {
    return verb === 'GET' ? { operation: 'listTasks' } : { operation: 'methodNotAllowed', allow: 'GET' };
  }
  const match = taskPath.exec(path);
  if (!match) return { operation: 'notFound' };
  if (verb !== 'GET') return { operation: 'methodNotAllowed', allow: 'GET' };
  const encoded = match[1] ?? '';
  let handle = encoded;
  // Our handles are URL-safe; only a foreign string needs decoding (and may fail to).
  if (encoded.includes('%')) {
    try {
      handle = decodeURIComponent(encoded);
    } catch {
      return { operation: 'notFound' };
    }
  }
  return match[2] ? { operation: 'streamTaskEvents', handle } : { operation: 'getTask', handle };
}
