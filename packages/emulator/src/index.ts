export { FAILURE_TRIGGERS } from './failure-triggers.js';
export { DEFAULT_TASK_MS } from './options.js';
export { startEmulator } from './server.js';
export type {
  CharacterPerformanceRequest,
  Emulator,
  EmulatorOptions,
  EmulatorStats,
  EmulatorTaskInfo,
  Fault,
  Route,
  TaskStatus,
} from './types.js';
