import { randomUUID } from 'node:crypto';
import { type PlannedFailure, plannedFailure } from './failure-triggers.js';
import type { CharacterPerformanceRequest, EmulatorTaskInfo, TaskStatus } from './types.js';

/** Share of a task's time spent PENDING before it may run; capped so long tasks do not idle for seconds. */
const PENDING_SHARE = 0.1;
const MAX_PENDING_MS = 500;
/** A failing task fails this far through its run, after showing some progress. */
const FAIL_AT = 0.5;

export interface TaskRecord {
  id: string;
  index: number;
  body: CharacterPerformanceRequest;
  createdAt: number;
  durationMs: number;
  /** When PENDING ends and the task may take a running slot. */
  readyAt: number;
  /** How long it would run to success. */
  runMs: number;
  /** Scheduled start of RUNNING (later than readyAt while THROTTLED). */
  startAt: number;
  /** When it reaches SUCCEEDED or FAILED (or the moment it was cancelled). */
  endAt: number;
  failure: PlannedFailure | undefined;
  cancelledAt: number | undefined;
  polls: number;
}

export interface TaskSnapshot {
  record: TaskRecord;
  status: TaskStatus;
  /** 0..1 while RUNNING, 1 when SUCCEEDED, the point of failure when FAILED, else 0. */
  progress: number;
}

/**
 * All task state. Status is computed from timestamps when asked, never advanced by timers, so 10,000 live
 * tasks cost no CPU while nobody polls. Scheduling is FIFO over `concurrency` slots: each slot remembers when
 * it frees, and a new task starts at the later of its ready time and the earliest free slot; in between it
 * is THROTTLED, exactly as Runway reports a task queued behind the account's concurrency limit.
 */
export class TaskStore {
  private readonly tasks = new Map<string, TaskRecord>();
  /** Tasks that may still be waiting to start, in creation order (pruned lazily). */
  private waiting: TaskRecord[] = [];
  private head = 0;
  private slots: number[];
  private created = 0;

  constructor(
    private readonly concurrency: number,
    private readonly taskMs: (body: CharacterPerformanceRequest, index: number) => number,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = new Array<number>(concurrency).fill(Number.NEGATIVE_INFINITY);
  }

  /** Creates a task; `failure` (found by reading its assets) overrides the trigger words' planned failure. */
  create(body: CharacterPerformanceRequest, failure?: PlannedFailure): TaskRecord {
    const createdAt = this.now();
    const index = this.created++;
    const durationMs = Math.max(0, this.taskMs(body, index));
    const pendingMs = Math.min(MAX_PENDING_MS, durationMs * PENDING_SHARE);
    const record: TaskRecord = {
      id: randomUUID(),
      index,
      body,
      createdAt,
      durationMs,
      readyAt: createdAt + pendingMs,
      runMs: durationMs - pendingMs,
      startAt: 0,
      endAt: 0,
      failure: failure ?? plannedFailure(body),
      cancelledAt: undefined,
      polls: 0,
    };
    this.prune(createdAt);
    this.schedule(record, this.slots);
    this.waiting.push(record);
    this.tasks.set(record.id, record);
    return record;
  }

  get(id: string): TaskRecord | undefined {
    return this.tasks.get(id);
  }

  snapshot(record: TaskRecord, at = this.now()): TaskSnapshot {
    if (record.cancelledAt !== undefined) {
      return { record, status: 'CANCELLED', progress: this.runProgress(record, record.cancelledAt) };
    }
    if (at < record.readyAt) return { record, status: 'PENDING', progress: 0 };
    if (at < record.startAt) return { record, status: 'THROTTLED', progress: 0 };
    if (at < record.endAt) {
      return { record, status: 'RUNNING', progress: Math.min(0.99, this.runProgress(record, at)) };
    }
    if (record.failure) return { record, status: 'FAILED', progress: this.runProgress(record, record.endAt) };
    return { record, status: 'SUCCEEDED', progress: 1 };
  }

  /**
   * Runway's DELETE: a task that is not finished is cancelled (and frees its slot, so the queue moves up);
   * a finished one is deleted. Returns false for an unknown id.
   */
  cancelOrDelete(id: string): boolean {
    const record = this.tasks.get(id);
    if (!record) return false;
    const at = this.now();
    const { status } = this.snapshot(record, at);
    if (status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED') {
      this.tasks.delete(id);
      return true;
    }
    record.cancelledAt = at;
    record.endAt = Math.min(record.endAt, at);
    this.reschedule(at);
    return true;
  }

  info(id: string): EmulatorTaskInfo | undefined {
    const record = this.tasks.get(id);
    if (!record) return undefined;
    const { status } = this.snapshot(record);
    const terminal = status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
    const started =
      record.cancelledAt === undefined ? this.now() >= record.startAt : record.cancelledAt > record.startAt;
    return {
      id: record.id,
      status,
      createdAt: record.createdAt,
      ...(started ? { startedAt: record.startAt } : {}),
      ...(terminal ? { finishedAt: record.cancelledAt ?? record.endAt } : {}),
      durationMs: record.durationMs,
      polls: record.polls,
      body: record.body,
    };
  }

  get size(): number {
    return this.tasks.size;
  }

  private runProgress(record: TaskRecord, at: number): number {
    if (record.runMs <= 0 || at <= record.startAt) return 0;
    return Math.min(1, Math.round(((at - record.startAt) / record.runMs) * 100) / 100);
  }

  /** Assigns the task to the slot that frees first. */
  private schedule(record: TaskRecord, slots: number[]): void {
    let best = 0;
    for (let i = 1; i < slots.length; i++) if (slots[i]! < slots[best]!) best = i;
    record.startAt = Math.max(record.readyAt, slots[best]!);
    record.endAt = record.startAt + (record.failure ? record.runMs * FAIL_AT : record.runMs);
    slots[best] = record.endAt;
  }

  /** After a cancel frees a slot, tasks that have not started yet move up, in creation order. */
  private reschedule(at: number): void {
    this.waiting = this.waiting.slice(this.head).filter((r) => r.cancelledAt === undefined && r.startAt > at);
    this.head = 0;
    const running = [...this.tasks.values()].filter(
      (r) => r.cancelledAt === undefined && r.startAt <= at && at < r.endAt,
    );
    const slots = running.map((r) => r.endAt);
    while (slots.length < this.concurrency) slots.push(Number.NEGATIVE_INFINITY);
    for (const record of this.waiting) {
      if (record.cancelledAt === undefined) this.schedule(record, slots);
    }
    this.slots = slots;
  }

  /**
   * Drops tasks that have started (or were cancelled) from the front of the waiting list. Start times grow in
   * creation order, so looking at the front keeps a create O(concurrency) even with thousands of queued tasks.
   */
  private prune(at: number): void {
    while (this.head < this.waiting.length) {
      const r = this.waiting[this.head]!;
      if (r.cancelledAt === undefined && r.startAt > at) break;
      this.head++;
    }
    // Compact now and then instead of on every start, which would copy the whole queue each time.
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }
}
