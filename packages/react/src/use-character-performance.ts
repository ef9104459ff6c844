// Start a character performance on the app's backend and follow it to the end. Files in the input are
// checked and encoded (or uploaded) first, in the browser: a file that breaks the limits costs no request.

import { useCallback, useEffect, useRef, useState } from 'react';
import { assetFilesOf, prepareAssets } from './asset-files.js';
import type { CharacterPerformanceOptions, CharacterPerformanceStartInput } from './asset-input.js';
import type { CharacterPerformanceInput, Task } from './contract.js';
import { startTask } from './contract-client.js';
import type { ActkitProblemError } from './problem-error.js';
import { describeTask, type TaskState } from './task-state.js';
import { useTask } from './use-task.js';

export interface CharacterPerformance extends TaskState {
  /**
   * Sends the input to the backend (call it from a user action, never from an effect). `character.uri` and
   * `reference.uri` may be File/Blob objects: each is checked first (media type; size when sent inline; the
   * reference clip's 3–30 s, read by the browser), and one that fails is an `error` with status 400 and
   * `fieldErrors` naming it, with no request sent; then it is sent as a data: URI or through `uploadAsset`.
   * Resolves to the new task, or `undefined` when it failed (see `error`) or was superseded by
   * reset/another start/unmount.
   */
  start: (input: CharacterPerformanceStartInput) => Promise<Task | undefined>;
  /** Forgets the task and error and aborts a create request in flight; back to `idle`. */
  reset: () => void;
}

interface Started {
  starting?: boolean;
  task?: Task;
  error?: ActkitProblemError;
}

export function useCharacterPerformance(options: CharacterPerformanceOptions): CharacterPerformance {
  const [started, setStarted] = useState<Started>({});
  const request = useRef<AbortController | undefined>(undefined);
  // Unmount aborts the create request in flight; an aborted request never sets state.
  useEffect(() => () => request.current?.abort(), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the client depends on baseUrl, fetch and uploadAsset only
  const start = useCallback(
    async (input: CharacterPerformanceStartInput) => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setStarted({ starting: true });
      // An input of URLs only is sent at once; files are checked and encoded (or uploaded) first.
      const files = assetFilesOf(input);
      const { input: ready, error: invalid } = files.length
        ? await prepareAssets(input, files, options.uploadAsset, controller.signal)
        : { input: input as CharacterPerformanceInput, error: undefined };
      if (controller.signal.aborted) return undefined; // superseded while files were prepared: send nothing
      const { data, error } = ready
        ? await startTask(options, ready, controller.signal)
        : { data: undefined, error: invalid };
      const next: Started = data ? { task: data.task } : { error };
      if (controller.signal.aborted) return undefined;
      setStarted(next);
      return next.task;
    },
    [options.baseUrl, options.fetch, options.uploadAsset],
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
