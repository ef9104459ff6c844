// The browser ↔ backend contract (specs/actkit-server), as generated types. Type-only: tsup inlines them into
// the declaration files, so nothing from @actkit/core is loaded at run time.
import type { components, paths } from '../../core/src/generated/actkit-server/types.gen.js';

export type { paths };
export type CharacterPerformanceInput = components['schemas']['CharacterPerformanceInput'];
export type Task = components['schemas']['Task'];
/** The provider's statuses, and `CREATING` / `UNKNOWN` for an attempt without a provider task. */
export type TaskStatus = components['schemas']['BrowserTaskStatus'];
export type Problem = components['schemas']['Problem'];

/**
 * Statuses after which a task never changes again: the stream ends and polling stops. `UNKNOWN` counts: the
 * server will never learn more about that attempt.
 */
export const isTerminalStatus = (status: TaskStatus): boolean =>
  status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED' || status === 'UNKNOWN';
