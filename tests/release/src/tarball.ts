// Reads a file out of a packed tarball (npm tarballs keep everything under package/), with the system tar.
import { run } from './run.ts';

export async function readFromTarball(tarball: string, file: string): Promise<string> {
  const { stdout } = await run('tar', ['-xzOf', tarball, `package/${file}`], { cwd: '/' });
  return stdout;
}
