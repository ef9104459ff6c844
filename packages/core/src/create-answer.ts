// The create's answer → the new task's id. Runway answers `{ id, estimatedCost? }`; gateways in front of it
// answer `{ task_id }` or wrap it, as CometAPI wraps Get Task Details: `{ code: "success", message: "",
// data: { task_id } }` (or `data.id`). The shapes are the spec's `CreateTaskAnswer` (generated zod schemas);
// which field of each holds the id is decided here, over the generated types.
//
// A 2xx that yields no id (`{}`, `{ id: "" }`, `{ code: "fail", data: null }`, `null`) is not "no task": the
// provider took the paid request and did not say what became of it. The client throws TaskMayExistError
// for it (see create-client.ts), never an error that invites a second create.
import type { z } from 'zod';
import type { components } from './generated/cometapi-runway/types.gen.js';
import {
  zCreateTaskResponse,
  zEstimatedCost,
  zGatewayCreateTaskResponse,
  zWrappedCreateTaskEnvelope,
} from './generated/cometapi-runway/zod.gen.js';
import { providerError } from './http-error.js';

/** The spec's create-answer shapes, each reduced to what names the id. */
const idShapes = [
  // Runway's own shape. `estimatedCost` is read on its own below: a cost the client cannot read must not
  // hide an id it can (the task exists either way).
  zCreateTaskResponse.pick({ id: true }),
  zGatewayCreateTaskResponse,
  zWrappedCreateTaskEnvelope,
] as const;

type IdShape = z.output<(typeof idShapes)[number]>;

/** What a create answer says: the task id, and the cost when Runway reported one. */
export interface CreateAnswer {
  id: string;
  estimatedCost?: components['schemas']['EstimatedCost'];
}

function idOf(answer: IdShape): string {
  if ('id' in answer) return answer.id;
  if ('task_id' in answer) return answer.task_id;
  return 'task_id' in answer.data ? answer.data.task_id : answer.data.id;
}

/**
 * Reads a create answer (a parsed 2xx JSON body) in any shape of the spec's `CreateTaskAnswer`: `{ id }`,
 * `{ task_id }`, `{ code: "success", data: { task_id } }` or `{ code: "success", data: { id } }`. Ids are
 * non-empty strings. `estimatedCost` comes along when the top level carries a readable one. Undefined when
 * no shape yields an id: the caller must treat that answer as ambiguous (the task may exist).
 */
export function readCreateAnswer(body: unknown): CreateAnswer | undefined {
  for (const shape of idShapes) {
    const parsed = shape.safeParse(body);
    if (!parsed.success) continue;
    const id = idOf(parsed.data);
    const cost = zEstimatedCost.safeParse((body as { estimatedCost?: unknown }).estimatedCost);
    return cost.success ? { id, estimatedCost: cost.data } : { id };
  }
  return undefined;
}

/**
 * A few words about a create answer that yielded no id, for the error message (server logs): what the body
 * was, or the gateway's own `code`/`message` when it has them ("the answer says fail: …").
 */
export function describeIdlessAnswer(body: unknown): string {
  if (body === null || body === undefined) return 'the body is null';
  if (Array.isArray(body)) return 'the body is a list';
  if (typeof body !== 'object') return `the body is a ${typeof body}`;
  const { code, message } = providerError(body);
  if (code || message) return `the answer says ${[code, message].filter(Boolean).join(': ')}`;
  const keys = Object.keys(body);
  return keys.length === 0 ? 'the body is an empty object' : `fields: ${keys.slice(0, 8).join(', ')}`;
}
