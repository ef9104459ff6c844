// The one polling loop (`TaskPollLoop`). `watch` hands it out as the async generator it implements; `wait`
// awaits its `next()` directly (wait-for-task.ts). Nothing else polls.
//
// Built to be cheap when many tasks are watched at once (a server behind SSE streams). Between polls a loop
// is one object: its own entry in the client's shared PollScheduler (one setTimeout for all loops), the
// pending `next()` promise, and an abort listener only when the caller gave a signal. No async function or
// generator frame, no timer and no AbortController is kept while it sleeps.
//   • The deadline has no timer of its own: each sleep is capped at it, and the loop checks it on waking.
//   • The request in flight gets a per-request AbortController that the caller's signal and a scheduler
//     entry at the deadline abort. It lives only while the request does, and it also ends the transport's
//     retries and backoff (a per-request `timeoutMs` capped at the time left would not: the transport
//     retries a timed-out read). So an abort ends the sleep or the request at once, and `timeoutMs` is not
//     overshot by more than a millisecond or two.
//   • Between polls the loop keeps only what change detection and the schedule need (status, progress, a
//     rate sample); the last state is kept without the provider's raw body (for TaskTimeoutError.lastTask).
//
// What the loop does with the provider's odd answers (gateways, api-facts.md), so no caller has to:
//   • `task_not_exist` within `notFoundGraceMs` of the start: no news (a fresh task is not visible yet; on
//     CometAPI every fresh task is). One `info` line per task when the loop starts tolerating it (the
//     transport logs such an answer at debug only); after the grace, one `error` line and NotFoundError.
//   • A status word nobody knows (UnknownTaskStatusError): no news; one `warn` line per task through the
//     client's logger; polling goes on until a known state or the deadline.
//   • A 200 that cannot be read as this task (UnreadableTaskError: `null`, `{}`, another task's body, a
//     gateway error inside a 200): the same, with its own `warn` line. A redirect or a non-JSON page (a
//     wrong base URL) is not one of these and still ends the loop.
//   • SUCCEEDED without an output URL (TaskOutputMissingError): no news up to `missingOutputReads` reads
//     in a row (on the usual schedule), then that error. A SUCCEEDED task handed out has an output.
//   • Progress never goes down while the task runs: an unreadable value (read as 0) or a lower one keeps
//     the last known progress; 1 only at SUCCEEDED.
//   • A task without a creation time keeps the `createdAt` of the first read on every later one.
//
// The steps: next() → plan() → [sleep: the scheduler calls run(), or an abort calls handleEvent()] →
// pollAndPlan() → the change resolves next(), or plan() again.
import { addAbortListener, removeAbortListener } from './abort-listeners.js';
import { ActkitAbortError, NotFoundError } from './errors.js';
import type { ActkitLogger } from './logger.js';
import { log } from './logger.js';
import type { PollContext, PollSchedule } from './poll-schedule.js';
import { defaultPollSchedule } from './poll-schedule.js';
import type { PollScheduler, ScheduledEntry } from './poll-scheduler.js';
import type { Task } from './task.js';
import { isTerminal } from './task.js';
import {
  missingOutputReads,
  TaskOutputMissingError,
  UnknownTaskStatusError,
  UnreadableTaskError,
} from './task-answer-errors.js';
import { TaskTimeoutError } from './task-errors.js';

/** Options of `tasks.watch` (and, through it, `tasks.wait` and `characterPerformance.run`). */
export interface WatchOptions {
  /** Aborts the whole watch at once (the sleep and the request in flight) with ActkitAbortError. */
  signal?: AbortSignal;
  /** Overall time limit in ms; then TaskTimeoutError (the task may still finish). Default 30 minutes. */
  timeoutMs?: number;
  /** Per-request timeout of each poll; defaults to the client's `timeoutMs`. */
  requestTimeoutMs?: number;
  /** Poll at this fixed interval instead of the default schedule (the first poll is still immediate). */
  pollIntervalMs?: number;
  /** A custom schedule: returns the delay before the next poll. Wins over `pollIntervalMs`. */
  pollSchedule?: PollSchedule;
  /**
   * How long a `task_not_exist` answer counts as "not visible yet" (a fresh task can briefly be unknown)
   * before it becomes a NotFoundError. Default 30 000 ms.
   */
  notFoundGraceMs?: number;
}

/** Default overall limit of watch/wait: Act-Two jobs take minutes, queues can add more. */
export const defaultWaitTimeoutMs = 30 * 60_000;
export const defaultNotFoundGraceMs = 30_000;

/** What the loop passes to `retrieve` beyond the request options (internal to the client). */
export interface RetrieveExtras {
  /** The `createdAt` to use when the body has none: the loop's first read's, so it stays stable. */
  fallbackCreatedAt?: string;
}

/** Fetches one task; the client's `tasks.retrieve`. */
export type RetrieveTask = (
  id: string,
  options: { signal: AbortSignal; timeoutMs?: number } & RetrieveExtras,
) => Promise<Task>;

/** The abort reason of a request ended by the deadline (never seen by callers: it becomes TaskTimeoutError). */
const deadlineReached = () => new DOMException('The watch deadline was reached', 'TimeoutError');

type Step = IteratorResult<Task, void>;
const finished: Step = Object.freeze({ value: undefined, done: true });
const ignore = () => {};

/**
 * Polls one task until it ends: an async generator of its changes (status or progress), the terminal state
 * last. Also the scheduler entry of its own sleeps, and the abort listener of the caller's signal.
 */
export class TaskPollLoop implements AsyncGenerator<Task, void, undefined>, ScheduledEntry {
  // ScheduledEntry fields, maintained by the scheduler.
  at = 0;
  seq = 0;
  index = -1;

  private readonly startedAt: number;
  private readonly deadlineAt: number;
  private nextPollAt: number;
  private polls = 0;
  /**
   * The last state yielded, as three fields rather than a Task object (the loop sleeps far longer than it
   * works, and 10,000 sleeping loops should cost little): change detection and TaskTimeoutError.lastTask.
   */
  private lastStatus: Task['status'] | undefined;
  private lastProgress = 0;
  private lastCreatedAt = '';
  /** The createdAt of the first read, reused when a later read has none. */
  private firstCreatedAt: string | undefined;
  /** SUCCEEDED-without-output reads in a row. */
  private outputMissingReads = 0;
  /** Whether the one warning about an unknown status word / a missing output was logged. */
  private warnedUnknownStatus = false;
  private warnedMissingOutput = false;
  private warnedUnreadable = false;
  /** Whether the one line saying "not visible yet, tolerated" was logged. */
  private loggedNotVisible = false;
  /** First RUNNING sample, to measure the rate of progress. */
  private sampleAt = -1;
  private sampleProgress = 0;
  private progressPerMs: number | undefined;
  private ended = false;
  private timedOut = false;
  /** The `next()` call in progress, and how to settle it. */
  private pending: Promise<Step> | undefined;
  private resolveNext: ((step: Step) => void) | undefined;
  private rejectNext: ((error: unknown) => void) | undefined;

  constructor(
    private readonly retrieve: RetrieveTask,
    private readonly scheduler: PollScheduler,
    readonly id: string,
    private readonly options: WatchOptions = {},
    private readonly logger?: ActkitLogger,
  ) {
    this.startedAt = scheduler.now();
    this.deadlineAt = this.startedAt + (options.timeoutMs ?? defaultWaitTimeoutMs);
    // The first poll is at once (the official SDK sleeps a full interval first).
    this.nextPollAt = this.startedAt;
  }

  /** Sleeps and polls until the task changes; done after the terminal state was yielded. */
  next(): Promise<Step> {
    if (this.pending)
      return this.pending.then(
        () => this.next(),
        () => this.next(),
      );
    if (this.ended) return Promise.resolve(finished);
    this.pending = new Promise<Step>((resolve, reject) => {
      this.resolveNext = resolve;
      this.rejectNext = reject;
    });
    const { pending } = this;
    this.plan();
    return pending;
  }

  /** Ends the watch (what `break` in a for-await does). Nothing is in flight or scheduled between calls. */
  async return(): Promise<Step> {
    await this.pending?.then(ignore, ignore);
    this.ended = true;
    return finished;
  }

  /** Ends the watch with `error`, as a generator would. */
  async throw(error: unknown): Promise<Step> {
    await this.pending?.then(ignore, ignore);
    this.ended = true;
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Sleeps until the next poll is due (never past the deadline), or polls now. */
  private plan(): void {
    const due = Math.min(this.nextPollAt, this.deadlineAt);
    if (due <= this.scheduler.now()) {
      this.run();
      return;
    }
    const { signal } = this.options;
    if (signal?.aborted) {
      this.handleEvent();
      return;
    }
    this.scheduler.add(this, due);
    if (signal) addAbortListener(signal, this);
  }

  /** Woken by the scheduler (ScheduledEntry). */
  run(): void {
    if (this.options.signal) removeAbortListener(this.options.signal, this);
    void this.pollAndPlan();
  }

  /** The caller's signal aborted during a sleep (EventListener object). */
  handleEvent(): void {
    this.scheduler.cancel(this);
    this.fail(this.options.signal?.reason);
  }

  private async pollAndPlan(): Promise<void> {
    try {
      if (this.nextPollAt >= this.deadlineAt || this.scheduler.now() >= this.deadlineAt) {
        this.timedOut = true;
        throw new TaskTimeoutError(this.id, this.timeoutMs, this.lastTask());
      }
      const read = await this.pollOnce();
      const task = read && this.steady(read);
      this.polls++;
      const changed = task !== undefined && this.changed(task);
      if (task && isTerminal(task)) this.ended = true;
      else this.nextPollAt = this.planNext(task);
      if (changed) this.settle({ value: task, done: false });
      else if (this.ended) this.settle(finished);
      else this.plan();
    } catch (error) {
      this.fail(error);
    }
  }

  /** One GET, ended at once by the caller's signal or the deadline. Undefined: not visible yet. */
  private async pollOnce(): Promise<Task | undefined> {
    const { scheduler, options } = this;
    const caller = options.signal;
    const request = new AbortController();
    const onAbort = () => request.abort(caller?.reason);
    if (caller?.aborted) onAbort();
    else if (caller) addAbortListener(caller, onAbort);
    const deadline = scheduler.schedule(this.deadlineAt, () => {
      this.timedOut = true;
      request.abort(deadlineReached());
    });
    try {
      const task = await this.retrieve(this.id, {
        signal: request.signal,
        timeoutMs: options.requestTimeoutMs,
        fallbackCreatedAt: this.firstCreatedAt,
      });
      this.outputMissingReads = 0;
      return task;
    } catch (error) {
      if (this.noNews(error)) return undefined;
      throw error;
    } finally {
      scheduler.cancel(deadline);
      if (caller) removeAbortListener(caller, onAbort);
    }
  }

  /**
   * Whether a failed read only means "nothing to report yet" (see the top of this file). Throws the
   * give-up error when a SUCCEEDED without output has lasted `missingOutputReads` reads.
   */
  private noNews(error: unknown): boolean {
    if (error instanceof NotFoundError) {
      if (error.code !== 'task_not_exist') return false;
      const grace = this.options.notFoundGraceMs ?? defaultNotFoundGraceMs;
      if (this.scheduler.now() - this.startedAt < grace) {
        if (!this.loggedNotVisible) {
          this.loggedNotVisible = true;
          log(
            this.logger,
            'info',
            `Task ${this.id} is not visible yet (task_not_exist); polling on for up to ${grace} ms`,
            {
              taskId: this.id,
              notFoundGraceMs: grace,
            },
          );
        }
        return true;
      }
      log(
        this.logger,
        'error',
        `Task ${this.id} still does not exist after ${grace} ms (task_not_exist); giving up`,
        {
          taskId: this.id,
          reason: error.message,
        },
      );
      return false;
    }
    if (error instanceof UnreadableTaskError) {
      if (!this.warnedUnreadable) {
        this.warnedUnreadable = true;
        log(this.logger, 'warn', `${error.message}; still polling until a readable answer or the deadline`, {
          taskId: this.id,
          reason: error.reason,
        });
      }
      return true;
    }
    if (error instanceof UnknownTaskStatusError) {
      this.outputMissingReads = 0;
      if (!this.warnedUnknownStatus) {
        this.warnedUnknownStatus = true;
        log(this.logger, 'warn', `${error.message}; still polling until a known state or the deadline`, {
          taskId: this.id,
          status: error.statusWord,
        });
      }
      return true;
    }
    if (error instanceof TaskOutputMissingError) {
      this.outputMissingReads++;
      if (this.outputMissingReads >= missingOutputReads) {
        throw new TaskOutputMissingError(this.id, {
          reads: this.outputMissingReads,
          status: error.status,
          requestId: error.requestId,
          body: error.body,
        });
      }
      if (!this.warnedMissingOutput) {
        this.warnedMissingOutput = true;
        log(this.logger, 'warn', `${error.message}; reading it again (at most ${missingOutputReads} reads)`, {
          taskId: this.id,
        });
      }
      return true;
    }
    return false;
  }

  /** Holds progress and createdAt steady across reads (see the top of this file). */
  private steady(task: Task): Task {
    this.firstCreatedAt ??= task.createdAt;
    if (task.status === 'SUCCEEDED' || task.progress >= this.lastProgress) return task;
    return { ...task, progress: this.lastProgress };
  }

  /** The last state yielded, without the provider's raw body (only ever a non-terminal one). */
  private lastTask(): Task | undefined {
    if (this.lastStatus === undefined) return undefined;
    const { id, lastStatus: status, lastProgress: progress, lastCreatedAt: createdAt } = this;
    return { id, status, progress, createdAt, raw: undefined } as Task;
  }

  private changed(task: Task): boolean {
    if (this.lastStatus === task.status && this.lastProgress === task.progress) return false;
    this.lastStatus = task.status;
    this.lastProgress = task.progress;
    this.lastCreatedAt = task.createdAt;
    return true;
  }

  /** Updates the progress rate and asks the schedule when to poll next. */
  private planNext(task: Task | undefined): number {
    const now = this.scheduler.now();
    if (task?.status === 'RUNNING') {
      if (this.sampleAt < 0) {
        this.sampleAt = now;
        this.sampleProgress = task.progress;
      } else if (task.progress > this.sampleProgress && now > this.sampleAt) {
        this.progressPerMs = (task.progress - this.sampleProgress) / (now - this.sampleAt);
      }
    }
    const context: PollContext = {
      polls: this.polls,
      elapsedMs: now - this.startedAt,
      task,
      progressPerMs: this.progressPerMs,
    };
    const { pollSchedule, pollIntervalMs } = this.options;
    return now + (pollSchedule ? pollSchedule(context) : (pollIntervalMs ?? defaultPollSchedule(context)));
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? defaultWaitTimeoutMs;
  }

  private settle(step: Step): void {
    const resolve = this.resolveNext;
    this.clearPending();
    resolve?.(step);
  }

  /** Ends the loop with an error: the caller's abort wins, then the deadline, else the request's own. */
  private fail(error: unknown): void {
    const reject = this.rejectNext;
    this.ended = true;
    this.clearPending();
    const caller = this.options.signal;
    if (caller?.aborted) {
      reject?.(
        error instanceof ActkitAbortError
          ? error
          : new ActkitAbortError(`Watching task ${this.id} was aborted`, {
              cause: caller.reason,
              taskId: this.id,
            }),
      );
    } else if (this.timedOut) {
      reject?.(
        error instanceof TaskTimeoutError
          ? error
          : new TaskTimeoutError(this.id, this.timeoutMs, this.lastTask()),
      );
    } else reject?.(error);
  }

  private clearPending(): void {
    this.pending = undefined;
    this.resolveNext = undefined;
    this.rejectNext = undefined;
  }
}

/** `tasks.watch`: the loop is the async generator of its task's changes. */
export function watchTask(loop: TaskPollLoop): AsyncGenerator<Task, void, undefined> {
  return loop;
}
