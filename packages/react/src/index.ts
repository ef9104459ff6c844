export type { ActkitOptions, EventSourceConstructor } from './actkit-options.js';
export { checkAssetFile } from './asset-file-check.js';
export type {
  AssetField,
  CharacterPerformanceOptions,
  CharacterPerformanceStartInput,
  UploadAsset,
} from './asset-input.js';
export type { CharacterPerformanceInput, Problem, Task, TaskStatus } from './contract.js';
export { isTerminalStatus } from './contract.js';
export { ActkitProblemError } from './problem-error.js';
export type { TaskState } from './task-state.js';
export { type CharacterPerformance, useCharacterPerformance } from './use-character-performance.js';
export { useTask } from './use-task.js';
export { type TaskList, type TaskListOptions, useTasks } from './use-tasks.js';
