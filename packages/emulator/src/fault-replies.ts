import type { ServerResponse } from 'node:http';
import { cometError } from './errors.js';
import type { Reply } from './reply.js';
import type { Fault } from './types.js';

const MESSAGES: Record<number, [message: string, code: string]> = {
  429: ['rate limit exceeded, please retry later', 'rate_limit'],
  500: ['upstream error', ''],
  502: ['bad gateway', ''],
  503: ['service unavailable: the upstream is saturated', ''],
  504: ['gateway timeout', ''],
};

/** The CometAPI envelope an injected `status` fault answers with, plus its retry headers. */
export function statusFaultReply(fault: Extract<Fault, { kind: 'status' }>): Reply {
  const [defaultMessage, defaultCode] = MESSAGES[fault.status] ?? [`injected error ${fault.status}`, ''];
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  const json = cometError(fault.message ?? defaultMessage, fault.param ?? null, fault.code ?? defaultCode);
  return { status: fault.status, json, headers };
}

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The kind of page a CDN or proxy in front of the API answers when the upstream is down. */
export function htmlPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** CometAPI answers a wrong path with a permanent redirect to its web site; here it points at the root. */
export const REDIRECT_LOCATION = '/';
export const REDIRECT_BODY =
  '<html><head><title>301 Moved Permanently</title></head><body><h1>Moved Permanently</h1></body></html>';

/** Sends an injected `reply` fault: its status, content type, headers and body, byte for byte. */
export function sendReplyFault(res: ServerResponse, fault: Extract<Fault, { kind: 'reply' }>): void {
  const text = fault.json !== undefined ? JSON.stringify(fault.json) : (fault.body ?? '');
  const contentType = fault.contentType ?? 'application/json; charset=utf-8';
  res.writeHead(fault.status ?? 200, {
    ...(contentType ? { 'content-type': contentType } : {}),
    'content-length': Buffer.byteLength(text),
    ...fault.headers,
  });
  res.end(text);
}
