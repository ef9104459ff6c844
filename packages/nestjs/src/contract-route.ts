// The mark on the controller's route handlers that lets the module find the routes Nest registered for
// them (under any global prefix, version or RouterModule path) and keep body parsers off exactly those.
import { applyDecorators, SetMetadata } from '@nestjs/common';

/** Metadata key of the mark. Nest copies a handler's metadata onto the function it registers. */
export const CONTRACT_ROUTE = Symbol.for('@actkit/nestjs:contract-route');

/** The route `config` key the mark sets on the Fastify platform (read there as `request.routeOptions.config`). */
export const contractRouteConfig = 'actkitContractRoute';

// The metadata key of @nestjs/platform-fastify's @RouteConfig() (its constants.js): the Fastify adapter
// passes it as the route's `config`; the Express adapter ignores it. Set here so this package needs no
// import of the Fastify platform.
const fastifyRouteConfigMetadata = '__fastify_route_config__';

/** Marks a handler as one of the contract's routes, on both platforms. */
export const ContractRoute = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(CONTRACT_ROUTE, true),
    SetMetadata(fastifyRouteConfigMetadata, { [contractRouteConfig]: true }),
  );

/** True for a function Nest registered for one of the contract's routes. */
export const isContractRouteHandler = (handler: unknown): boolean =>
  typeof handler === 'function' && Reflect.getMetadata(CONTRACT_ROUTE, handler) === true;
