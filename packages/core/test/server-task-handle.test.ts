// Handles are sealed, owner-bound and tamper-evident: only the owner they were issued to, under the same
// secret, gets the record id (and the provider id) back. The same task gives the same handle every time.
import { describe, expect, it } from 'vitest';
import { zHandle } from '../src/generated/actkit-server/zod.gen.js';
import { createSealedTokens } from '../src/server/sealed-token.js';
import { createTaskHandleCodec } from '../src/server/task-handle.js';

const secret = new TextEncoder().encode('unit-test-secret-with-enough-bytes');
const taskId = '3f1c9a52-7f0e-4a51-9c2e-6a1d2b3c4d5e';
const recordId = 'Ym9va2tlZXBpbmctcmVjIQ'; // 16 bytes, as randomId() makes them
const task = { recordId, taskId };

describe('task handles', () => {
  const codec = createTaskHandleCodec(secret);

  it('round-trips for the owner, fits the contract pattern and hides both ids', async () => {
    const handle = await codec.seal(task, 'alice');
    expect(zHandle.safeParse(handle).success).toBe(true);
    expect(handle).toMatch(/^v2\./);
    for (const id of [taskId, recordId]) {
      expect(handle).not.toContain(id);
      expect(Buffer.from(handle.slice(3), 'base64url').toString('latin1')).not.toContain(id);
    }
    expect(await codec.open(handle, 'alice')).toEqual(task);
  });

  it("fits a router's path-parameter cap (Fastify's default maxParamLength is 100)", async () => {
    expect((await codec.seal(task, 'alice')).length).toBeLessThanOrEqual(100);
    expect((await codec.seal({ recordId }, 'alice')).length).toBeLessThanOrEqual(100);
    // A provider id that is no UUID is sealed as its text, and still round-trips.
    const textId = { recordId, taskId: 'task_01JCX9QK8V3M' };
    const handle = await codec.seal(textId, 'alice');
    expect(handle.length).toBeLessThanOrEqual(100);
    expect(await codec.open(handle, 'alice')).toEqual(textId);
  });

  it('a handle of an attempt without a provider task yet carries the record id alone', async () => {
    const handle = await codec.seal({ recordId }, 'alice');
    expect(await codec.open(handle, 'alice')).toEqual({ recordId });
    expect(handle).not.toBe(await codec.seal(task, 'alice'));
  });

  it('is the same every time for the same task and owner, and differs for another owner', async () => {
    const [a, b] = [await codec.seal(task, 'alice'), await codec.seal(task, 'alice')];
    expect(a).toBe(b);
    expect(await codec.seal(task, 'bob')).not.toBe(a);
    expect(await codec.seal({ recordId, taskId: `${taskId}x` }, 'alice')).not.toBe(a);
  });

  it('does not open for another owner, another secret, or any altered character', async () => {
    const handle = await codec.seal(task, 'alice');
    expect(await codec.open(handle, 'bob')).toBeUndefined();
    expect(await codec.open(handle, 'alice ')).toBeUndefined();
    const other = createTaskHandleCodec(new TextEncoder().encode('another-secret-with-enough-bytes'));
    expect(await other.open(handle, 'alice')).toBeUndefined();
    for (let i = 0; i < handle.length; i++) {
      const altered = `${handle.slice(0, i)}${handle[i] === 'A' ? 'B' : 'A'}${handle.slice(i + 1)}`;
      expect(await codec.open(altered, 'alice')).toBeUndefined();
    }
  });

  it('rejects forged and malformed handles, and tokens of another kind sealed with the same secret', async () => {
    const cursor = await createSealedTokens(secret, 'list-cursor-v1', 'c1').seal(recordId, 'alice');
    const asV2 = `v2.${cursor.slice(3)}`;
    for (const forged of [
      '',
      'v2.',
      'v2',
      taskId,
      'v2.AAAA',
      `v2.${'A'.repeat(80)}`,
      'v2.abc.def',
      'v1.a.b',
      'v2.%%%',
      cursor,
      asV2,
    ]) {
      expect(await codec.open(forged, 'alice')).toBeUndefined();
    }
  });
});
