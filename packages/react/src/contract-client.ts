// The hooks' three requests to the app's backend (specs/actkit-server), typed by the generated contract. They
// are all of known shapes, so a generic client is not needed: openapi-fetch alone costs 2.6 KB gzipped of
// the package's 4 KB budget (issue 5), nearly all of it serializers and middleware these requests never
// use. The types still come from the generated `paths`, so a contract change breaks the build here.
import type { ActkitOptions } from './actkit-options.js';
import type { CharacterPerformanceInput, paths } from './contract.js';
import { settle } from './problem-error.js';

type Json<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** `202 { task }` of POST /character-performances. */
export type StartAnswer = Json<paths['/character-performances']['post'], 202>;
/** `200 { task }` of GET /tasks/{handle}. */
export type TaskAnswer = Json<paths['/tasks/{handle}']['get'], 200>;
/** `200 { tasks, nextCursor? }` of GET /tasks. */
export type ListAnswer = Json<paths['/tasks']['get'], 200>;
/** The query of GET /tasks. */
export type ListQuery = NonNullable<paths['/tasks']['get']['parameters']['query']>;

/** One request: the JSON body of a 2xx, else the response and its (problem) body for `settle`. */
async function send<T>(options: ActkitOptions, path: string, init?: RequestInit) {
  const response = await (options.fetch ?? fetch)(
    new Request(options.baseUrl.replace(/\/+$/, '') + path, init),
  );
  const body: unknown = await response.json().catch(() => undefined);
  return response.ok ? { data: body as T, response } : { error: body, response };
}

/** POST /character-performances: starts a task. */
export const startTask = (options: ActkitOptions, input: CharacterPerformanceInput, signal: AbortSignal) =>
  settle(
    send<StartAnswer>(options, '/character-performances', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
      signal,
    }),
  );

/** GET /tasks/{handle}: the task's current state. */
export const readTask = (options: ActkitOptions, handle: string, signal: AbortSignal) =>
  settle(send<TaskAnswer>(options, `/tasks/${encodeURIComponent(handle)}`, { signal }));

/** GET /tasks: a page of the owner's tasks, newest first. */
export const listTasks = (options: ActkitOptions, query: ListQuery) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, `${value}`);
  const text = `${search}`;
  return settle(send<ListAnswer>(options, `/tasks${text ? `?${text}` : ''}`));
};
