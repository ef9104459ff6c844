// @actkit/core/server: the framework-free handler that @actkit/express and @actkit/nestjs map onto.
export type {
  ActkitCounterStore,
  ActkitStore,
  ActkitWatcherRegistry,
  TaskPoller,
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
