// Handles are sealed, owner-bound and tamper-evident: only the owner they were issued to, under the same
// secret, gets the provider id back.
import { describe, expect, it } from 'vitest';
import { zHandle } from '../src/generated/actkit-server/zod.gen.js';
import { createTaskHandleCodec } from '../src/server/task-handle.js';

const secret = new TextEncoder().encode('unit-test-secret-with-enough-bytes');
const taskId = '3f1c9a52-7f0e-4a51-9c2e-6a1d2b3c4d5e';

describe('task handles', () => {
  const codec = createTaskHandleCodec(secret);

  it('round-trips for the owner, fits the contract pattern and hides the provider id', async () => {
    const handle = await codec.seal(taskId, 'alice');
    expect(zHandle.safeParse(handle).success).toBe(true);
    expect(handle).not.toContain(taskId);
    expect(Buffer.from(handle.slice(3), 'base64url').toString('latin1')).not.toContain(taskId);
    expect(await codec.open(handle, 'alice')).toBe(taskId);
  });

  it('is different each time (random IV) yet each opens', async () => {
    const [a, b] = [await codec.seal(taskId, 'alice'), await codec.seal(taskId, 'alice')];
    expect(a).not.toBe(b);
    expect(await codec.open(b, 'alice')).toBe(taskId);
  });

  it('does not open for another owner, another secret, or any altered character', async () => {
    const handle = await codec.seal(taskId, 'alice');
    expect(await codec.open(handle, 'bob')).toBeUndefined();
    expect(await codec.open(handle, 'alice ')).toBeUndefined();
    const other = createTaskHandleCodec(new TextEncoder().encode('another-secret-with-enough-bytes'));
    expect(await other.open(handle, 'alice')).toBeUndefined();
    for (let i = 0; i < handle.length; i++) {
      const altered = `${handle.slice(0, i)}${handle[i] === 'A' ? 'B' : 'A'}${handle.slice(i + 1)}`;
      expect(await codec.open(altered, 'alice')).toBeUndefined();
    }
  });

  it('rejects forged and malformed handles', async () => {
    for (const forged of [
      '',
      'v1.',
      'v1',
      taskId,
      'v1.AAAA',
      `v1.${'A'.repeat(80)}`,
      'v2.abc.def',
      'v1.a.b',
      'v1.%%%',
    ]) {
      expect(await codec.open(forged, 'alice')).toBeUndefined();
    }
  });
});
