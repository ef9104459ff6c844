import { isActkitError, problemFromError, problemResponse, writeNodeResponse } from '@actkit/core/server';
import type { ErrorRequestHandler } from 'express';

/** body-parser's errors (express.json() in front of the router) carry a `type` and a 4xx status. */
const bodyParserStatus = (error: unknown): number | undefined => {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500
    ? status
    : undefined;
};

/**
 * Error middleware: answers errors from @actkit/core (thrown in your own routes too) and body-parser's
 * errors as RFC 9457 problem+json, with no key or provider host in them. Others go to your next handler.
 * `app.use(actkitErrorHandler())` after your routes.
 */
export function actkitErrorHandler(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const parserStatus = bodyParserStatus(error);
    if (res.headersSent || (!isActkitError(error) && parserStatus === undefined)) return next(error);
    const problem =
      parserStatus === undefined
        ? problemFromError(error)
        : problemResponse(
            parserStatus,
            parserStatus === 413 ? 'The body is too large.' : 'The body could not be read.',
          );
    void writeNodeResponse(res, problem);
  };
}
