// @actkit/core/server: the framework-free handler that @actkit/express and @actkit/nestjs map onto, and its
// Web Fetch entry (createActkitFetchHandler) that @actkit/next and @actkit/hono wrap.
// The request/response interface is in types.ts and README.md.
export { type ClosingResponseLike, clientGoneSignal } from './client-gone-signal.js';
export {
  type ActkitFetchHandler,
  type ActkitFetchHandlerOptions,
  type ActkitFetchRoute,
  createActkitFetchHandler,
  type FetchAuthorize,
  lastPathSegments,
} from './create-actkit-fetch-handler.js';
export { createActkitHandler } from './create-actkit-handler.js';
export { defaultCreateBodyLimitBytes } from './create-body-limit.js';
export { createMemoryCounterStore } from './memory-counter-store.js';
export {
  createMemoryLedger,
  defaultLedgerRetentionMs,
  defaultMaxLedgerRecords,
  type MemoryLedgerOptions,
} from './memory-ledger.js';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.js';
export {
  createMemoryTaskStateStore,
  type MemoryTaskStateStoreOptions,
} from './memory-task-state-store.js';
export { createMemoryWatcherRegistry } from './memory-watcher-registry.js';
export { NodeActkitRequest } from './node-actkit-request.js';
export { problemResponse, problemTypes } from './problem.js';
export { isActkitError, problemFromError } from './problem-from-error.js';
export { taskPathOfUrl } from './route.js';
export type {
  ActkitCounterStore,
  ActkitLedger,
  ActkitStore,
  ActkitTaskStateStore,
  ActkitWatcherRegistry,
  CounterDecision,
  DataUriSummary,
  LedgerInput,
  LedgerListOptions,
  LedgerPage,
  LedgerPatch,
  LedgerPosition,
  LedgerRecord,
  LedgerStatus,
  TaskPoller,
  TaskStateEntry,
  TaskWatchEvent,
} from './store.js';
export {
  isTerminalLedgerStatus,
  isUnfinishedLedgerRecord,
  ledgerFixedFields,
  terminalLedgerStatuses,
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
  Awaitable,
  BrowserTask,
  CharacterPerformanceInput,
  FollowTasksOptions,
  Problem,
  TaskSettlement,
} from './types.js';
export { isEventStream, isPromiseLike } from './types.js';
export { type FastifyReplyLike, sendFastifyAnswer, writeFastifyReply } from './write-fastify-reply.js';
export type { NodeResponseLike } from './write-node-response.js';
export { writeNodeResponse } from './write-node-response.js';
