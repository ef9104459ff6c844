/** Which provider operation a request is, plus the key it is counted under in stats.byRoute. */
export interface MatchedRoute {
  key: string;
  kind: 'create' | 'getTask' | 'deleteTask' | 'output' | 'wrongMethod' | 'notFound';
  /** 'comet' for /runwayml/v1/..., 'native' for Runway's own /v1/... paths. */
  api: 'comet' | 'native';
  /** The task id, or the output file name. */
  param?: string;
  allow?: string;
}

const CREATE = /^\/(runwayml\/)?v1\/character_performance\/?$/;
const TASK = /^\/(runwayml\/)?v1\/tasks\/([^/]+)\/?$/;
const OUTPUT = /^\/outputs\/([^/]+)$/;

export function matchRoute(method: string, pathname: string): MatchedRoute {
  const create = CREATE.exec(pathname);
  if (create) {
    const prefix = create[1] ? '/runwayml' : '';
    const api = create[1] ? 'comet' : 'native';
    if (method === 'POST') return { key: `POST ${prefix}/v1/character_performance`, kind: 'create', api };
    return { key: `${method} ${prefix}/v1/character_performance`, kind: 'wrongMethod', api, allow: 'POST' };
  }
  const task = TASK.exec(pathname);
  if (task) {
    const prefix = task[1] ? '/runwayml' : '';
    const api = task[1] ? 'comet' : 'native';
    const param = safeDecode(task[2]!);
    const key = `${method} ${prefix}/v1/tasks/:id`;
    if (method === 'GET') return { key, kind: 'getTask', api, param };
    if (method === 'DELETE') return { key, kind: 'deleteTask', api, param };
    return { key, kind: 'wrongMethod', api, allow: 'GET, DELETE' };
  }
  const output = OUTPUT.exec(pathname);
  if (output) {
    const key = `${method} /outputs/:file`;
    if (method === 'GET' || method === 'HEAD')
      return { key, kind: 'output', api: 'native', param: output[1]! };
    return { key, kind: 'wrongMethod', api: 'native', allow: 'GET, HEAD' };
  }
  return { key: `${method} *`, kind: 'notFound', api: 'comet' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
