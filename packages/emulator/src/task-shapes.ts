import type { TaskSnapshot } from './task-store.js';
import type { TaskStatus } from './types.js';

/** Runway's task as its API returns it (and as CometAPI nests it inside the wrapped envelope). */
export interface BareTask {
  id: string;
  status: TaskStatus;
  createdAt: string;
  progress?: number;
  output?: string[];
  failure?: string;
  failureCode?: string;
}

export type WrapperStatus =
  | 'NOT_START'
  | 'SUBMITTED'
  | 'QUEUED'
  | 'IN_PROGRESS'
  | 'FAILURE'
  | 'SUCCESS'
  | 'UNKNOWN';

export interface WrappedTaskEnvelope {
  code: 'success';
  message: string;
  data: {
    task_id: string;
    action: string;
    status: WrapperStatus;
    fail_reason: string;
    submit_time: number;
    start_time: number;
    finish_time: number;
    progress: string;
    data: BareTask;
  };
}

const WRAPPER_STATUS: Record<TaskStatus, WrapperStatus> = {
  PENDING: 'SUBMITTED',
  THROTTLED: 'QUEUED',
  RUNNING: 'IN_PROGRESS',
  SUCCEEDED: 'SUCCESS',
  FAILED: 'FAILURE',
  CANCELLED: 'FAILURE',
};

/** The path of a task's output video; the URL handed out is this path signed (see signed-outputs.ts). */
export const outputPath = (id: string): string => `/outputs/${id}.mp4`;

/** Turns a task id into the output URL a read hands out (freshly signed on every read). */
export type OutputUrl = (id: string) => string;

/** Like Runway: progress only while running or once succeeded; failure fields only on FAILED. */
export function bareTask(snapshot: TaskSnapshot, outputUrl: OutputUrl): BareTask {
  const { record, status, progress } = snapshot;
  const task: BareTask = { id: record.id, status, createdAt: new Date(record.createdAt).toISOString() };
  if (status === 'RUNNING') task.progress = progress;
  if (status === 'SUCCEEDED') {
    task.progress = 1;
    task.output = [outputUrl(record.id)];
  }
  if (status === 'FAILED' && record.failure) {
    task.failure = record.failure.failure;
    task.failureCode = record.failure.failureCode;
  }
  return task;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** CometAPI's envelope: its own status words, a percent string, unix seconds, and the bare task inside. */
export function wrappedTask(snapshot: TaskSnapshot, outputUrl: OutputUrl): WrappedTaskEnvelope {
  const { record, status, progress } = snapshot;
  const started = status === 'RUNNING' || status === 'SUCCEEDED' || status === 'FAILED';
  const finished = status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
  const finishedAt = record.cancelledAt ?? record.endAt;
  let failReason = '';
  if (status === 'FAILED' && record.failure)
    failReason = `${record.failure.failureCode}: ${record.failure.failure}`;
  if (status === 'CANCELLED') failReason = 'cancelled';
  return {
    code: 'success',
    message: '',
    data: {
      task_id: record.id,
      action: 'character_performance',
      status: WRAPPER_STATUS[status],
      fail_reason: failReason,
      submit_time: seconds(record.createdAt),
      start_time:
        started || (status === 'CANCELLED' && finishedAt > record.startAt) ? seconds(record.startAt) : 0,
      finish_time: finished ? seconds(finishedAt) : 0,
      progress: `${Math.round(progress * 100)}%`,
      data: bareTask(snapshot, outputUrl),
    },
  };
}
