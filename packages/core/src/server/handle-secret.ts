// Where the handle secret comes from. Explicit `secret` wins. Otherwise the CometAPI key in the environment
// is used as key material: the codec runs it through HKDF, so handles reveal nothing about it, and every
// instance configured with the same key agrees on handles without extra configuration.

const minSecretBytes = 16;

/** The secret as bytes; throws when there is none or it is too short to be a secret. */
export function resolveHandleSecret(secret: string | Uint8Array | undefined): Uint8Array {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const source = secret ?? env?.COMETAPI_KEY;
  if (source === undefined || source === '') {
    throw new TypeError(
      'createActkitHandler: pass `secret` (shared by every instance that serves the same users) or set COMETAPI_KEY.',
    );
  }
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  if (bytes.byteLength < minSecretBytes) {
    throw new TypeError(`createActkitHandler: \`secret\` must be at least ${minSecretBytes} bytes.`);
  }
  return bytes;
}
