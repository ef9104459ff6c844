import {
  type ActkitHandlerOptions,
  clientGoneSignal,
  createActkitHandler,
  isPromiseLike,
  writeNodeResponse,
} from '@actkit/core/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { toActkitRequest } from './to-actkit-request.js';

/** Options of `createActkitRouter`: the handler's options (client, authorize, secret, limits, store, …). */
export type ActkitRouterOptions = ActkitHandlerOptions;

/** The router: an Express middleware serving the contract under its mount path, plus `close()`. */
export type ActkitRouter = RequestHandler & {
  /** Stops the shared upstream watch loops and ends open event streams (call on shutdown). */
  close(): Promise<void>;
};

/**
 * Serves the actkit browser contract. Mount it: `app.use('/api/actkit', createActkitRouter({ client,
 * authorize }))`. Paths outside the contract go to `next()`. Express is never loaded by this package: the
 * returned middleware works with the app's Express 4.21+ or 5.
 */
export function createActkitRouter(options: ActkitRouterOptions): ActkitRouter {
  const handler = createActkitHandler(options);
  const router = (req: Request, res: Response, next: NextFunction) => {
    if (!handler.owns(req.path)) return next();
    // Written at once when the handler needs no wait (a repeated GET), else when it answers.
    const answered = handler.answer(toActkitRequest(req, clientGoneSignal(res)));
    const written = isPromiseLike(answered)
      ? answered.then((response) => writeNodeResponse(res, response))
      : writeNodeResponse(res, answered);
    written.catch(next);
  };
  return Object.assign(router, { close: () => handler.close() });
}
