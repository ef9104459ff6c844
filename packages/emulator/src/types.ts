import type * as z from 'zod';
import type { zCharacterPerformanceRequest } from '../../core/src/generated/cometapi-runway/zod.gen.js';

/** A create body after validation (defaults applied), as the emulator stores it. */
export type CharacterPerformanceRequest = z.output<typeof zCharacterPerformanceRequest>;

export type TaskStatus = 'PENDING' | 'THROTTLED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface EmulatorOptions {
  /** Port to listen on; default 0 = any free port. */
  port?: number;
  /** Interface to bind; default '127.0.0.1'. */
  host?: string;
  /**
   * How long a task takes from create to its terminal state when it is not throttled; default 8000 ms.
   * A function gets the validated body and the 0-based creation index, so a test can vary it per task.
   */
  taskMs?: number | ((body: CharacterPerformanceRequest, index: number) => number);
  /** Get Task Details shape on the /runwayml routes; default 'wrapped'; 'mixed' alternates per poll. */
  shape?: 'bare' | 'wrapped' | 'mixed';
  /** Max RUNNING tasks at once; the rest are THROTTLED. Default 4. */
  concurrency?: number;
  /** A fresh task answers 400 task_not_exist for its first N GETs on the /runwayml route; default 0. */
  notFoundPolls?: number;
  /** When set, only this Bearer token is accepted; otherwise any well-formed `Bearer <non-empty>`. */
  apiKey?: string;
  /** Suppress the one-line-per-request log on stderr. Default true for startEmulator (tests stay silent). */
  quiet?: boolean;
  /**
   * How long an output URL works after a read hands it out, in ms; default 86_400_000 (24 h, the short end
   * of Runway's 24–48 h). Each read of a finished task signs a fresh URL; an expired one answers 403 with an
   * S3-style XML error body.
   */
  outputTtlMs?: number;
}

export interface EmulatorStats {
  tasksCreated: number;
  /** Every HTTP request received, control routes excepted. */
  requests: number;
  /** Requests per route, keyed like 'POST /runwayml/v1/character_performance' or 'GET /v1/tasks/:id'. */
  byRoute: Record<string, number>;
}

export interface EmulatorTaskInfo {
  id: string;
  status: TaskStatus;
  /** ms epoch. */
  createdAt: number;
  /** ms epoch when it started running (absent while PENDING or THROTTLED). */
  startedAt?: number;
  /** ms epoch when it reached a terminal state. */
  finishedAt?: number;
  /** The configured duration of this task (taskMs for it). */
  durationMs: number;
  /** How many Get Task Details requests this task has answered (task_not_exist answers included). */
  polls: number;
  body: CharacterPerformanceRequest;
}

/** create = both POST routes, getTask = both GET task routes, any = every provider route (not /outputs). */
export type Route = 'create' | 'getTask' | 'any';

export type Fault =
  | {
      kind: 'status';
      route?: Route;
      status: number;
      /** Seconds; sets Retry-After. */
      retryAfter?: number;
      /** Sets retry-after-ms. */
      retryAfterMs?: number;
      /** error.code in the envelope, e.g. 'invalid_request'. */
      code?: string;
      /** error.message in the envelope; default a fixed text per status (e.g. 'upstream error' for 500). */
      message?: string;
      /** error.param in the envelope, the field the error is about (e.g. 'character.uri'); default null. */
      param?: string | null;
      /** On create: create the task first, then answer the error (the ambiguous case). */
      afterCreate?: boolean;
      times?: number;
    }
  | { kind: 'latency'; route?: Route; ms: number; times?: number }
  | { kind: 'reset'; route?: Route; when: 'before' | 'after'; times?: number }
  | { kind: 'html'; route?: Route; status?: number; times?: number }
  | { kind: 'redirect'; route?: Route; times?: number }
  | {
      /**
       * Answers exactly this instead of doing the route's work (nothing is created): any status, content
       * type and body, for answers no other fault makes (a gateway's own task shape, an empty or non-JSON
       * 200, an error body in another format). `json` is sent as JSON text; else `body` as is.
       */
      kind: 'reply';
      route?: Route;
      /** Default 200. */
      status?: number;
      /** Default `application/json; charset=utf-8`; `''` sends no Content-Type header. */
      contentType?: string;
      /** The body as text (default empty). Ignored when `json` is given. */
      body?: string;
      /** A value sent as JSON text. */
      json?: unknown;
      /** Extra headers, e.g. `{ 'retry-after': '120' }`. */
      headers?: Record<string, string>;
      times?: number;
    };

export interface Emulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:54321. */
  url: string;
  /** Closes the server and every socket (keep-alive too) and clears timers. */
  close(): Promise<void>;
  /** Live counters. */
  stats: EmulatorStats;
  /** Queue a fault; faults are consumed in order by the next matching requests. */
  inject(fault: Fault): void;
  clearFaults(): void;
  task(id: string): EmulatorTaskInfo | undefined;
  resetStats(): void;
}
