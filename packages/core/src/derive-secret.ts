// Secrets derived from the client's API key, so a server can have keys of its own (the task-handle key) without
// a second secret to configure, and without the API key ever leaving the client: HKDF-SHA256 (RFC 5869)
// through Web Crypto, one output per purpose. The output reveals nothing about the key, outputs for two
// purposes are unrelated, and every process holding the same key derives the same bytes.

const encoder = new TextEncoder();
/** Fixed HKDF salt: the derivation is actkit's own, separate from any other HKDF use of the same key. */
const salt = encoder.encode('actkit-derived-secret-v1');
/** Output length in bytes (256 bits, HKDF-SHA256's natural size). */
export const derivedSecretBytes = 32;

/**
 * HKDF-SHA256 over `apiKey` with `purpose` as the info: 32 bytes. Throws TypeError (rejects) on an empty
 * `purpose`: every use must name itself, or two uses would share a secret.
 */
export async function deriveSecretFromKey(apiKey: string, purpose: string): Promise<Uint8Array> {
  if (typeof purpose !== 'string' || purpose === '') {
    throw new TypeError('deriveSecret: `purpose` must be a non-empty string naming what the secret is for');
  }
  const material = await crypto.subtle.importKey('raw', encoder.encode(apiKey), 'HKDF', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode(purpose) },
    material,
    derivedSecretBytes * 8,
  );
  return new Uint8Array(bits);
}
