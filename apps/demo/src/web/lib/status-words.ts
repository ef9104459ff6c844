// Every status a task (or an attempt) can have, in the words the page shows: one table for the panel and
// the list, typed on the hooks' own status union so a new status fails the type check until it has words.
import type { TaskState } from '@actkit/react';

export const statusWords: Record<TaskState['status'], string> = {
  idle: 'No task yet',
  starting: 'Starting…',
  loading: 'Resuming…',
  error: 'Unreachable',
  CREATING: 'Being created',
  UNKNOWN: 'May exist',
  PENDING: 'Queued at the provider',
  THROTTLED: 'Waiting for a free slot',
  RUNNING: 'Generating',
  SUCCEEDED: 'Done',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};
