// client.deriveSecret(purpose): HKDF-SHA256 over the client's own key, one secret per purpose, never the
// key itself; what the server handler signs task handles with when it is given no secret.
import { describe, expect, it } from 'vitest';
import { createActkitClient } from '../src/index.js';

const client = (apiKey: string) => createActkitClient({ apiKey, baseUrl: 'http://127.0.0.1:9' });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('deriveSecret', () => {
  it('is 32 bytes, the same for the same key and purpose, different for another key or purpose', async () => {
    const a = await client('sk-key-one-0123456789').deriveSecret('actkit-task-handle');
    const again = await client('sk-key-one-0123456789').deriveSecret('actkit-task-handle');
    const otherKey = await client('sk-key-two-0123456789').deriveSecret('actkit-task-handle');
    const otherPurpose = await client('sk-key-one-0123456789').deriveSecret('something-else');
    expect(a.byteLength).toBe(32);
    expect(hex(again)).toBe(hex(a));
    expect(hex(otherKey)).not.toBe(hex(a));
    expect(hex(otherPurpose)).not.toBe(hex(a));
  });

  it('is HKDF-SHA256 (RFC 5869) over the key, so it neither is nor contains the key', async () => {
    const apiKey = 'sk-key-one-0123456789';
    const derived = await client(apiKey).deriveSecret('actkit-task-handle');
    const { hkdfSync } = await import('node:crypto');
    const expected = Buffer.from(
      hkdfSync('sha256', apiKey, 'actkit-derived-secret-v1', 'actkit-task-handle', 32),
    );
    expect(hex(derived)).toBe(expected.toString('hex'));
    expect(Buffer.from(derived).toString('latin1')).not.toContain(apiKey);
  });

  it('rejects an empty purpose', async () => {
    await expect(client('sk-key-one-0123456789').deriveSecret('')).rejects.toThrow(TypeError);
  });

  it('the client exposes no key: not as a property, not through JSON', () => {
    const apiKey = 'sk-key-hidden-0123456789';
    const built = client(apiKey);
    expect(JSON.stringify(built)).not.toContain(apiKey);
    expect(Object.values(built).some((value) => value === apiKey)).toBe(false);
  });
});
