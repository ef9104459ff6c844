// How many task reads (GET …/tasks/{id}, on every route shape) an emulator answered since its stats were
// last reset: what the fan-out and disconnect tests count to show one upstream loop per task.

/** The part of an emulator (in-process `@actkit/emulator`) this reads. */
export interface EmulatorWithStats {
  stats: { byRoute: Record<string, number> };
}

export const upstreamTaskGets = (emulator: EmulatorWithStats): number =>
  Object.entries(emulator.stats.byRoute)
    .filter(([route]) => route.startsWith('GET ') && route.includes('/tasks/'))
    .reduce((sum, [, count]) => sum + count, 0);
