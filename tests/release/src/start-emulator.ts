// Starts the emulator through the `actkit-emulator` bin a consumer installed from its tarball (so the bin
// field, the shebang and the packed dist are what is tested). Its first stdout line is a contract:
// "actkit emulator listening on http://HOST:PORT".
import path from 'node:path';
import { startProcess } from './start-process.ts';

export interface RunningEmulator {
  url: string;
  stop(): Promise<void>;
}

export async function startEmulatorBin(projectDir: string, args: string[] = []): Promise<RunningEmulator> {
  const bin = path.join(projectDir, 'node_modules', '.bin', 'actkit-emulator');
  const started = await startProcess(bin, ['--port', '0', '--host', '127.0.0.1', '--quiet', ...args], {
    cwd: projectDir,
    ready: /actkit emulator listening on (http:\/\/\S+)/,
  });
  return { url: started.match[1]!, stop: started.stop };
}
