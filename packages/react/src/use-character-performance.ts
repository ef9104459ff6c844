// Start a character performance on the app's backend and follow it to the end.

import { useCallback, useEffect, useRef, useState } from 'react';
import { type ActkitOptions, createActkitClient } from './actkit-options.js';
import type { CharacterPerformanceInput, Task } from './contract.js';
import { type ActkitProblemError, settle } from './problem-error.js';
import { describeTask, type TaskState } from './task-state.js';
import { useTask } from './use-task.js';

export interface CharacterPerformance extends TaskState {
  /**
   * Sends the input to the backend (call it from a user action, never from an effect). Resolves to the new
   * task, or `undefined` when it failed (see `error`) or was superseded by reset/another start/unmount.
   */
  start: (input: CharacterPerformanceInput) => Promise<Task | undefined>;
  /** Forgets the task and error and aborts a create request in flight; back to `idle`. */
  reset: () => void;
}

interface Started {
  starting?: boolean;
  task?: Task;
  error?: ActkitProblemError;
}

export function useCharacterPerformance(options: ActkitOptions): CharacterPerformance {
  const [started, setStarted] = useState<Started>({});
  const request = useRef<AbortController | undefined>(undefined);
  // Unmount aborts the create request in flight; an aborted request never sets state.
  useEffect(() => () => request.current?.abort(), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the client depends on baseUrl and fetch only
  const start = useCallback(
    async (input: CharacterPerformanceInput) => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setStarted({ starting: true });
      const { data, error } = await settle(
        createActkitClient(options).POST('/character-performances', {
          body: input,
          signal: controller.signal,
        }),
      );
      const next: Started = data ? { task: data.task } : { error };
      if (controller.signal.aborted) return undefined;
      setStarted(next);
      return next.task;
    },
    [options.baseUrl, options.fetch],
  );

  const reset = useCallback(() => {
    request.current?.abort();
    setStarted({});
  }, []);

  const watched = useTask(started.task?.handle, options);
  const state = started.starting
    ? describeTask(undefined, undefined, 'starting')
    : describeTask(watched.task ?? started.task, started.error ?? watched.error, 'idle');
  return { ...state, start, reset };
}
