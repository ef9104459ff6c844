import type { IncomingMessage } from 'node:http';
import { zGetTaskPath } from '../../core/src/generated/cometapi-runway/zod.gen.js';
import { assetFailure } from './asset-failures.js';
import { checkAuth } from './auth.js';
import { cometError, taskNotExist } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Reply } from './reply.js';
import type { MatchedRoute } from './routes.js';
import { bareTask, type OutputUrl, wrappedTask } from './task-shapes.js';
import type { TaskStore } from './task-store.js';
import { validateCreateBody, validateVersionHeader } from './validate-request.js';

/** Act-Two bills 5 credits per output second; the emulator reports a 5 s clip. */
const ESTIMATED_CREDITS = 25;

export interface ProviderContext {
  options: ResolvedOptions;
  store: TaskStore;
  /** The output URL a read hands out for a task id: signed now, expiring after `outputTtlMs`. */
  outputUrl: OutputUrl;
  onTaskCreated: () => void;
}

const error = (status: number, message: string, param: string | null = null, code = ''): Reply => ({
  status,
  json: cometError(message, param, code),
});

function authorize(req: IncomingMessage, ctx: ProviderContext): Reply | undefined {
  const auth = checkAuth(req, ctx.options.apiKey);
  return auth.ok ? undefined : error(401, auth.message, null, '');
}

/** Header check shared by reads: X-Runway-Version is optional there, but must be well formed when sent. */
function checkOptionalVersion(req: IncomingMessage): Reply | undefined {
  const value = req.headers['x-runway-version'];
  if (value === undefined || value === '') return undefined;
  const bad = validateVersionHeader(value);
  return bad ? error(400, bad.message, bad.param, 'invalid_request') : undefined;
}

/** A create: CometAPI's route requires every field its page marks required, Runway's only Runway's. */
export async function createTask(
  req: IncomingMessage,
  route: MatchedRoute,
  bodyText: string,
  ctx: ProviderContext,
): Promise<Reply> {
  const denied = authorize(req, ctx);
  if (denied) return denied;
  const badVersion = validateVersionHeader(req.headers['x-runway-version']);
  if (badVersion) return error(400, badVersion.message, badVersion.param, 'invalid_request');
  const result = validateCreateBody(bodyText, route.api);
  if (!result.ok) return error(400, result.message, result.param, 'invalid_request');
  // Accepted like the provider accepts it; a video it cannot use makes the task FAIL later (ASSET.INVALID).
  const record = ctx.store.create(result.body, await assetFailure(result.body));
  ctx.onTaskCreated();
  return { status: 200, json: { id: record.id, estimatedCost: { credits: ESTIMATED_CREDITS } } };
}

export function getTask(req: IncomingMessage, route: MatchedRoute, ctx: ProviderContext): Reply {
  const denied = authorize(req, ctx) ?? checkOptionalVersion(req);
  if (denied) return denied;
  const id = route.param ?? '';
  if (!zGetTaskPath.safeParse({ id }).success) {
    return error(400, 'id: must be 1 to 128 characters', 'id', 'invalid_request');
  }
  const record = ctx.store.get(id);
  if (!record) return error(404, `task not found: ${id}`, 'id', 'not_found');
  record.polls++;
  // Only CometAPI shows the "not visible yet" answer; Runway's own routes see the task at once.
  if (route.api === 'comet' && record.polls <= ctx.options.notFoundPolls) {
    return { status: 400, json: taskNotExist() };
  }
  const snapshot = ctx.store.snapshot(record);
  const base = ctx.outputUrl;
  if (route.api === 'native') return { status: 200, json: bareTask(snapshot, base) };
  const { shape } = ctx.options;
  // 'mixed' alternates per poll of the task, starting with the wrapped envelope.
  const wrapped = shape === 'wrapped' || (shape === 'mixed' && record.polls % 2 === 1);
  return { status: 200, json: wrapped ? wrappedTask(snapshot, base) : bareTask(snapshot, base) };
}

export function deleteTask(req: IncomingMessage, route: MatchedRoute, ctx: ProviderContext): Reply {
  const denied = authorize(req, ctx) ?? checkOptionalVersion(req);
  if (denied) return denied;
  const id = route.param ?? '';
  if (!ctx.store.cancelOrDelete(id)) return error(404, `task not found: ${id}`, 'id', 'not_found');
  return { status: 204 };
}
