// `--emulator` loads @actkit/emulator only when asked, and only if it is installed: core must not depend
// on it (the emulator is a dev tool, and depending on it would make a cycle in the workspace).

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export class EmulatorMissingError extends Error {
  override name = 'EmulatorMissingError';
}

export async function startBuiltInEmulator(taskMs: number | undefined): Promise<RunningEmulator> {
  // A variable specifier keeps bundlers from trying to include the optional package.
  const specifier = '@actkit/emulator';
  let mod: { startEmulator: (options: Record<string, unknown>) => Promise<RunningEmulator> };
  try {
    mod = await import(specifier);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new EmulatorMissingError(
        '--emulator needs the @actkit/emulator package: install it next to @actkit/core (npm i -D @actkit/emulator)',
      );
    }
    throw error;
  }
  return mod.startEmulator({ port: 0, ...(taskMs === undefined ? {} : { taskMs }) });
}
