// Fastify platform: Nest registers its content-type parsers (JSON, urlencoded; each reading the whole body
// up to Fastify's bodyLimit, with its own errors) on the root instance, for every route. Fastify parses no
// body when a request has no Content-Type, Content-Length and Transfer-Encoding, so on the create route
// (marked through the route config) those headers are set aside just before parsing and put back right
// after it. The handler then reads the body stream itself (413/415 as problem+json). Only that route gets
// the two hooks: the task routes are polled and read no body.
import type { IncomingMessage } from 'node:http';
import { handlerReadsBodyConfig } from './handler-reads-body.js';

type Done = (error?: Error | null, payload?: unknown) => void;
interface HookRequest {
  raw: IncomingMessage;
}
type PreParsingHook = (request: HookRequest, reply: unknown, payload: unknown, done: Done) => void;
type PreValidationHook = (request: HookRequest, reply: unknown, done: Done) => void;

/** The part of Fastify's route options used here (Fastify 4 and 5). */
interface RouteOptionsLike {
  config?: Record<string, unknown>;
  preParsing?: PreParsingHook | PreParsingHook[];
  preValidation?: PreValidationHook | PreValidationHook[];
}

/** The part of a Fastify instance used here. */
export interface FastifyInstanceLike {
  addHook(name: 'onRoute', hook: (route: RouteOptionsLike) => void): unknown;
}

const bodyHeaders = ['content-type', 'content-length', 'transfer-encoding'] as const;
const setAside = new WeakMap<IncomingMessage, IncomingMessage['headers']>();
const asList = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : ([hooks].flat() as T[]));

const hideBody: PreParsingHook = (request, _reply, payload, done) => {
  const { headers } = request.raw;
  const saved: IncomingMessage['headers'] = {};
  for (const name of bodyHeaders) {
    if (headers[name] === undefined) continue;
    saved[name] = headers[name] as string;
    delete headers[name];
  }
  setAside.set(request.raw, saved);
  done(null, payload);
};

const restoreBody: PreValidationHook = (request, _reply, done) => {
  Object.assign(request.raw.headers, setAside.get(request.raw));
  setAside.delete(request.raw);
  done();
};

/** Call before Nest registers its routes (at module instantiation): the hook sees each route added. */
export function bypassFastifyBodyParsers(instance: FastifyInstanceLike): void {
  instance.addHook('onRoute', (route) => {
    if (route.config?.[handlerReadsBodyConfig] !== true) return;
    // Last of the route's preParsing hooks, first of its preValidation hooks (the instance's own hooks of a
    // kind run before the route's): the headers are away for parsing and no longer.
    route.preParsing = [...asList(route.preParsing), hideBody];
    route.preValidation = [restoreBody, ...asList(route.preValidation)];
  });
}
