// publint --strict on each packed tarball: warnings count as errors, and it sees exactly the published files.
import { readFile } from 'node:fs/promises';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { allPacked, packed } from '../src/packed.ts';

describe.each(allPacked().map((p) => p.name))('publint --strict %s', (name) => {
  it('reports nothing', async () => {
    const { tarball } = packed(name);
    const data = await readFile(tarball);
    const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball: bytes }, strict: true, level: 'suggestion' });
    const described = messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
    expect(described).toEqual([]);
  });
});
