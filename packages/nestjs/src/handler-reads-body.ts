// The mark on the route whose body the handler reads itself (POST /character-performances), which lets the
// module find the route Nest registered for it (under any global prefix, version or RouterModule path) and
// keep the app's body parsers off exactly that route. The task routes read no body: a request to them that
// carries one meets the app's parsers as any other route does (the handler answers 405 when they pass it).
import { applyDecorators, SetMetadata } from '@nestjs/common';

/** Metadata key of the mark. Nest copies a handler's metadata onto the function it registers. */
export const HANDLER_READS_BODY = Symbol.for('@actkit/nestjs:handler-reads-body');

/** The route `config` key the mark sets on the Fastify platform (read there as `request.routeOptions.config`). */
export const handlerReadsBodyConfig = 'actkitHandlerReadsBody';

// The metadata key of @nestjs/platform-fastify's @RouteConfig() (its constants.js): the Fastify adapter
// passes it as the route's `config`; the Express adapter ignores it. Set here so this package needs no
// import of the Fastify platform.
const fastifyRouteConfigMetadata = '__fastify_route_config__';

/** Marks the route whose body the handler reads, on both platforms. */
export const HandlerReadsBody = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(HANDLER_READS_BODY, true),
    SetMetadata(fastifyRouteConfigMetadata, { [handlerReadsBodyConfig]: true }),
  );

/** True for a function Nest registered for the marked route. */
export const isHandlerReadsBodyRoute = (handler: unknown): boolean =>
  typeof handler === 'function' && Reflect.getMetadata(HANDLER_READS_BODY, handler) === true;
