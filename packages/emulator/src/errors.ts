import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io.js';

/** CometAPI's error envelope, as the spec's CometApiError describes it. */
export interface CometApiError {
  error: { message: string; type: 'comet_api_error'; param: string | null; code: string };
}

export function cometError(message: string, param: string | null = null, code = ''): CometApiError {
  return { error: { message, type: 'comet_api_error', param, code } };
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  param: string | null = null,
  code = '',
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, cometError(message, param, code), headers);
}

/** CometAPI's answer while a fresh task is not visible yet (HTTP 400, not its usual error envelope). */
export function taskNotExist(): { code: 'task_not_exist'; message: string; data: null } {
  return { code: 'task_not_exist', message: 'task_not_exist', data: null };
}
