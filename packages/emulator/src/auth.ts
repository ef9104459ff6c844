import type { IncomingMessage } from 'node:http';

export type AuthResult = { ok: true } | { ok: false; message: string };

const BEARER = /^Bearer ([^\s]+)$/;

/** Like CometAPI: a missing or malformed Bearer header and a wrong key are all 401. */
export function checkAuth(req: IncomingMessage, apiKey: string | undefined): AuthResult {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return { ok: false, message: 'missing api key' };
  const match = BEARER.exec(header.trim());
  if (!match) return { ok: false, message: 'malformed Authorization header: expected "Bearer <key>"' };
  if (apiKey !== undefined && match[1] !== apiKey) return { ok: false, message: 'invalid api key' };
  return { ok: true };
}
