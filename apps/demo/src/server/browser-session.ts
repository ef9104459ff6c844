// The demo's idea of "who is asking": a random id in an HttpOnly cookie, one per browser. It only keeps one
// browser's tasks apart from another's. A real app wires `authorize` to its own sign-in instead
// (express-session, Passport, a JWT…) and owns the tasks by user or organisation id.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const cookieName = 'actkit_demo_session';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sessions = new WeakMap<object, string>();

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Finds the browser's session id in its cookie, or mints one and sets the cookie. */
export function browserSession(req: Request, res: Response, next: NextFunction): void {
  let id = readCookie(req.headers.cookie, cookieName);
  if (!id || !uuidPattern.test(id)) {
    id = randomUUID();
    res.cookie(cookieName, id, { httpOnly: true, sameSite: 'lax', path: '/' });
  }
  sessions.set(req, id);
  next();
}

/** The `authorize` for the actkit adapters: the session id of the request (undefined → 401). */
export const sessionIdOf = (req: unknown): string | undefined =>
  typeof req === 'object' && req !== null ? sessions.get(req) : undefined;
