// @actkit/core/server: the framework-free handler that @actkit/express and @actkit/nestjs map onto.
// The request/response interface is in types.ts and README.md.
export { type ClosingResponseLike, clientGoneSignal } from './client-gone-signal.js';
export { createActkitHandler } from './create-actkit-handler.js';
export { createMemoryCounterStore } from './memory-counter-store.js';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.js';
export {
  createMemoryTaskStateStore,
  type MemoryTaskStateStoreOptions,
} from './memory-task-state-store.js';
export { createMemoryWatcherRegistry } from './memory-watcher-registry.js';
export { NodeActkitRequest } from './node-actkit-request.js';
export { problemResponse, problemTypes } from './problem.js';
export { isActkitError, problemFromError } from './problem-from-error.js';
export type {
  ActkitCounterStore,
  ActkitStore,
  ActkitTaskStateStore,
  ActkitWatcherRegistry,
  TaskPoller,
  TaskStateEntry,
  TaskWatchEvent,
} from './store.js';
export type {
  ActkitEventStreamResponse,
  ActkitHandler,
  ActkitHandlerOptions,
  ActkitJsonResponse,
  ActkitLimits,
  ActkitRequest,
  ActkitRequestHeaders,
  ActkitResponse,
  ActkitResponseHeaders,
  ActkitServerClient,
  Authorize,
  BrowserTask,
  CharacterPerformanceInput,
  Problem,
} from './types.js';
export { isEventStream } from './types.js';
export { type FastifyReplyLike, writeFastifyReply } from './write-fastify-reply.js';
export type { NodeResponseLike } from './write-node-response.js';
export { writeNodeResponse } from './write-node-response.js';
