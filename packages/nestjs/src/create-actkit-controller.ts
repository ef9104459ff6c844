import { type ActkitHandler, isPromiseLike, taskPathOfUrl } from '@actkit/core/server';
import { All, Controller, Inject, type OnModuleDestroy, Req, Res, type Type } from '@nestjs/common';
import { HandlerReadsBody } from './handler-reads-body.js';
import type { NestRequest } from './nest-request.js';
import { type NestResponse, nodeResponse, writeNestResponse } from './nest-response.js';
import { toActkitRequest } from './to-actkit-request.js';
import { ACTKIT_HANDLER } from './tokens.js';

/**
 * The handler's path of a task route, from the URL as received (Express's `originalUrl`, Fastify's `url`):
 * the routers decode `:handle`, and the handler decodes a foreign one itself, once.
 */
const taskPath = (req: NestRequest) => taskPathOfUrl(req.originalUrl ?? req.url ?? '');

/**
 * A controller serving the browser contract under `routePrefix`: the contract's four paths (every method,
 * so another one is a 405 problem), each handed to the core handler. Other paths under the prefix stay the
 * app's. One class per prefix, because `@Controller(prefix)` is fixed when the class is decorated. Works on
 * the Express and the Fastify platform; each method resolves once the answer is written.
 */
export function createActkitController(routePrefix: string): Type<OnModuleDestroy> {
  @Controller(routePrefix)
  class ActkitController implements OnModuleDestroy {
    constructor(@Inject(ACTKIT_HANDLER) private readonly handler: ActkitHandler) {}

    @All('character-performances')
    @HandlerReadsBody()
    start(@Req() req: NestRequest, @Res() res: NestResponse): Promise<void> | undefined {
      return this.serve(req, res, '/character-performances');
    }

    @All('tasks')
    list(@Req() req: NestRequest, @Res() res: NestResponse): Promise<void> | undefined {
      return this.serve(req, res, '/tasks');
    }

    @All('tasks/:handle')
    read(@Req() req: NestRequest, @Res() res: NestResponse): Promise<void> | undefined {
      return this.serve(req, res, taskPath(req));
    }

    @All('tasks/:handle/events')
    events(@Req() req: NestRequest, @Res() res: NestResponse): Promise<void> | undefined {
      return this.serve(req, res, taskPath(req));
    }

    /**
     * Resolves once the answer is written (Nest, and Fastify under it, must not answer meanwhile); written at
     * once, with nothing to wait for, when the handler needs no wait (a repeated GET).
     */
    private serve(req: NestRequest, res: NestResponse, path: string): Promise<void> | undefined {
      const answered = this.handler.answer(toActkitRequest(req, path, nodeResponse(res)));
      return isPromiseLike(answered)
        ? answered.then((response) => writeNestResponse(res, response))
        : writeNestResponse(res, answered);
    }

    /** Ends open event streams and the shared upstream loops when the app closes. */
    onModuleDestroy(): Promise<void> {
      return this.handler.close();
    }
  }
  return ActkitController;
}
