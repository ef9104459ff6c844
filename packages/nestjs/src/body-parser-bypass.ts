import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { bypassExpressBodyParsers, type ExpressAppLike } from './express-body-bypass.js';
import { bypassFastifyBodyParsers, type FastifyInstanceLike } from './fastify-body-bypass.js';

/**
 * Keeps the app's body parsers off the create route on either platform, wherever Nest registered it
 * (global prefix, URI versions, RouterModule paths), with no bootstrap line: the handler reads its bodies
 * itself (its limit, 413/415 as problem+json). Provided with the routes (a `routePrefix`).
 */
@Injectable()
export class BodyParserBypass implements OnApplicationBootstrap {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {
    // Fastify: before the routes exist, so the onRoute hook sees them being added.
    const adapter = host.httpAdapter;
    if (adapter?.getType() === 'fastify')
      bypassFastifyBodyParsers(adapter.getInstance<FastifyInstanceLike>());
  }

  /** Express: once the routes and the parsers in front of them are in the router. */
  onApplicationBootstrap(): void {
    const adapter = this.host.httpAdapter;
    if (adapter?.getType() === 'express') bypassExpressBodyParsers(adapter.getInstance<ExpressAppLike>());
  }
}
