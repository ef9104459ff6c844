import { DEFAULT_OUTPUT_TTL_MS } from './signed-outputs.js';
import type { CharacterPerformanceRequest, EmulatorOptions } from './types.js';

export interface ResolvedOptions {
  port: number;
  host: string;
  taskMs: (body: CharacterPerformanceRequest, index: number) => number;
  shape: 'bare' | 'wrapped' | 'mixed';
  concurrency: number;
  notFoundPolls: number;
  apiKey: string | undefined;
  quiet: boolean;
  outputTtlMs: number;
}

export const DEFAULT_TASK_MS = 8000;

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const taskMs = options.taskMs ?? DEFAULT_TASK_MS;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('concurrency must be an integer >= 1');
  const shape = options.shape ?? 'wrapped';
  if (!['bare', 'wrapped', 'mixed'].includes(shape)) throw new RangeError(`unknown shape: ${shape}`);
  const outputTtlMs = options.outputTtlMs ?? DEFAULT_OUTPUT_TTL_MS;
  if (!Number.isFinite(outputTtlMs) || outputTtlMs <= 0)
    throw new RangeError('outputTtlMs must be a number > 0');
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    taskMs: typeof taskMs === 'function' ? taskMs : () => taskMs,
    shape,
    concurrency,
    notFoundPolls: Math.max(0, options.notFoundPolls ?? 0),
    apiKey: options.apiKey,
    quiet: options.quiet ?? true,
    outputTtlMs,
  };
}
