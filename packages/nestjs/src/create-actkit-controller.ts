import type { ServerResponse } from 'node:http';
import { type ActkitHandler, clientGoneSignal, writeNodeResponse } from '@actkit/core/server';
import { All, Controller, Inject, Next, type OnModuleDestroy, Req, Res, type Type } from '@nestjs/common';
import type { NestExpressRequest } from './nest-express-request.js';
import { toActkitRequest } from './to-actkit-request.js';
import { ACTKIT_HANDLER } from './tokens.js';

const wildcard = 'path';

/**
 * A controller serving the browser contract under `routePrefix`: every request below it goes to the core
 * handler; paths outside the contract go on to the app's other routes (`next()`), like the Express router.
 * One class per prefix, because `@Controller(prefix)` is fixed when the class is decorated.
 */
export function createActkitController(routePrefix: string): Type<OnModuleDestroy> {
  @Controller(routePrefix)
  class ActkitController implements OnModuleDestroy {
    constructor(@Inject(ACTKIT_HANDLER) private readonly handler: ActkitHandler) {}

    @All(`*${wildcard}`)
    serve(
      @Req() req: NestExpressRequest,
      @Res() res: ServerResponse,
      @Next() next: (error?: unknown) => void,
    ): void {
      const request = toActkitRequest(req, wildcard, clientGoneSignal(res));
      if (!this.handler.owns(request.path)) {
        next();
        return;
      }
      this.handler
        .handle(request)
        .then((response) => writeNodeResponse(res, response))
        .catch(next);
    }

    /** Ends open event streams and the shared upstream loops when the app closes. */
    onModuleDestroy(): Promise<void> {
      return this.handler.close();
    }
  }
  return ActkitController;
}
