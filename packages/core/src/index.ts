// @actkit/core: the typed, validated CometAPI/Runway Act-Two client. Browser-safe: nothing here imports a
// Node-only module (file downloads live in @actkit/core/node).

export type { AssetKind, DataUriLimits } from './asset-limits.js';
export { assetKindOf, checkDataUriAsset, dataUriLimits } from './asset-limits.js';
export type { MediaRequest } from './asset-media.js';
export { validateAssetMedia, validateAssetMediaBeside } from './asset-media.js';
export { checkAssetUri } from './asset-uri.js';
export type { BackoffOptions } from './backoff.js';
export { fullJitterDelay, parseRetryAfter } from './backoff.js';
export type {
  CharacterPerformanceInput,
  CharacterPerformanceRequest,
} from './character-performance-input.js';
export type {
  ActkitClient,
  ActkitClientOptions,
  CreatedTask,
  RequestOptions,
  RunOptions,
  RunResult,
} from './create-client.js';
export { createActkitClient } from './create-client.js';
export type { ActkitErrorDetails, ValidationIssue } from './errors.js';
export {
  ActkitAbortError,
  ActkitError,
  ActkitValidationError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  TaskMayExistError,
  UnexpectedResponseError,
} from './errors.js';
export { isRetryableFailure } from './failure-code.js';
export type { FailureExplanation } from './failure-explanation.js';
export { explainFailure } from './failure-explanation.js';
export { fieldMessages, ruleMessage } from './field-messages.js';
export type { FieldRule } from './field-rules.js';
export { characterPerformanceFieldRules, fieldRuleOf } from './field-rules.js';
export { referenceVideoDurationSeconds } from './generated/cometapi-runway/asset-limits.gen.js';
export type { ActkitLogger, LogLevel, LogMeta } from './logger.js';
export type { NormalizeTaskOptions } from './normalize-task.js';
export { normalizeTask } from './normalize-task.js';
export type { PollContext, PollSchedule } from './poll-schedule.js';
export { defaultPollSchedule, fixedPollSchedule } from './poll-schedule.js';
export { randomSeed, seedRange } from './random-seed.js';
export { redactHeaders } from './redact.js';
export type { RequestKind, RetryDecision } from './retry-policy.js';
export { decideRetry } from './retry-policy.js';
export type {
  CancelledTask,
  FailedTask,
  PendingTask,
  RunningTask,
  SucceededTask,
  Task,
  TaskStatus,
  TerminalTask,
  ThrottledTask,
} from './task.js';
export { isQueued, isTerminal } from './task.js';
export type { UnreadableTaskReason } from './task-answer-errors.js';
export {
  missingOutputReads,
  TaskOutputMissingError,
  UnknownTaskStatusError,
  UnreadableTaskError,
} from './task-answer-errors.js';
export { TaskCancelledError, TaskFailedError, TaskTimeoutError } from './task-errors.js';
export type { ValidationResult } from './validate-input.js';
export { validateCharacterPerformanceInput } from './validate-input.js';
export type { WaitOptions } from './wait-for-task.js';
export type { WatchOptions } from './watch-task.js';
