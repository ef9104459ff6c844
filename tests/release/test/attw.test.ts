// Are the types wrong? attw's CLI on each packed tarball with the node16 profile: node16 from ESM, node16 from
// CJS and bundler resolution must all find types that match the JavaScript (node10 is the one it ignores).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allPacked, packed } from '../src/packed.ts';
import { CommandError, run } from '../src/run.ts';
import { workspaceBin } from '../src/tools.ts';

const packageDir = path.resolve(import.meta.dirname, '..');

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}
interface AttwJson {
  analysis: { types: unknown; problems?: AttwProblem[]; entrypoints?: Record<string, unknown> };
}

async function attw(tarball: string): Promise<{ exitCode: number; json: AttwJson }> {
  const args = [tarball, '--profile', 'node16', '--format', 'json'];
  try {
    const { stdout } = await run(workspaceBin(packageDir, 'attw'), args, {
      cwd: packageDir,
      timeoutMs: 60_000,
    });
    return { exitCode: 0, json: JSON.parse(stdout) as AttwJson };
  } catch (error) {
    if (error instanceof CommandError && error.stdout.trim().startsWith('{'))
      return { exitCode: error.exitCode ?? 1, json: JSON.parse(error.stdout) as AttwJson };
    throw error;
  }
}

describe.each(allPacked().map((p) => p.name))('attw --profile node16 %s', (name) => {
  it('finds types for every entry point and no problems', async () => {
    const { exitCode, json } = await attw(packed(name).tarball);
    const problems = (json.analysis.problems ?? [])
      .filter((p) => p.resolutionKind !== 'node10')
      .map((p) => `${p.kind} at ${p.entrypoint ?? '?'} (${p.resolutionKind ?? 'any resolution'})`);
    expect(problems).toEqual([]);
    expect(json.analysis.types).toBeTruthy();
    expect(exitCode).toBe(0);
  });
});
