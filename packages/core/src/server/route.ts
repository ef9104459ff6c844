// Which contract operation a request is for. Paths are relative to the adapter's mount point.
export type Route =
  | { operation: 'startCharacterPerformance' }
  | { operation: 'getTask'; handle: string }
  | { operation: 'streamTaskEvents'; handle: string }
  | { operation: 'methodNotAllowed'; allow: string }
  | { operation: 'notFound' };

const taskPath = /^\/tasks\/([^/]+)(\/events)?$/;

/** True when `path` is one of the contract's paths (whatever the method): an adapter passes others on. */
export function isContractPath(rawPath: string): boolean {
  const path = (rawPath.split('?')[0] ?? '').replace(/\/+$/, '');
  return path === '/character-performances' || taskPath.test(path);
}

export function matchRoute(method: string, rawPath: string): Route {
  const path = (rawPath.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
  const verb = method.toUpperCase();
  if (path === '/character-performances') {
    return verb === 'POST'
      ? { operation: 'startCharacterPerformance' }
      : { operation: 'methodNotAllowed', allow: 'POST' };
  }
  const match = taskPath.exec(path);
  if (!match) return { operation: 'notFound' };
  if (verb !== 'GET') return { operation: 'methodNotAllowed', allow: 'GET' };
  let handle: string;
  try {
    handle = decodeURIComponent(match[1] ?? '');
  } catch {
    return { operation: 'notFound' };
  }
  return match[2] ? { operation: 'streamTaskEvents', handle } : { operation: 'getTask', handle };
}
