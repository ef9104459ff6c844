import { type ActkitJsonResponse, problemResponse } from '@actkit/core/server';

/**
 * The problem+json for an error Fastify raised while reading a request on the contract's routes, before the
 * handler saw it: its content-type parser errors (`FST_ERR_CTP_*`, e.g. a malformed `Content-Type` → 415).
 * Undefined for any other error, which the app's own error handler answers.
 */
export function parserProblem(error: unknown): ActkitJsonResponse | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_ERR_CTP_')) return undefined;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  if (statusCode === 415) return problemResponse(415, 'Send the body as application/json.');
  if (statusCode === 413) return problemResponse(413, 'The body is too large.');
  return problemResponse(statusCode, 'The body could not be read.');
}
