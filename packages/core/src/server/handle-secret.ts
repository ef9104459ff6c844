// Where the handle secret comes from. An explicit `secret` wins. Otherwise the client derives one from its
// own API key (`client.deriveSecret('actkit-task-handle')`, HKDF): every instance whose client has the same
// key agrees on handles with nothing else to configure, the key never leaves the client, and a key given
// explicitly (a secrets manager, a per-tenant key) works as well as one from the environment.
import type { ActkitServerClient } from './types.js';

const minSecretBytes = 16;
/** The purpose the handler derives its secret for; changing it would void every handle issued. */
export const handleSecretPurpose = 'actkit-task-handle';

const tooShort = () =>
  new TypeError(`createActkitHandler: \`secret\` must be at least ${minSecretBytes} bytes.`);

/**
 * The secret as bytes, or a promise of them when the client derives it (so `createActkitHandler` stays
 * synchronous; the codec awaits it). Throws at once when there is no secret and the client cannot derive
 * one, or an explicit secret is shorter than 16 bytes.
 */
export function resolveHandleSecret(
  secret: string | Uint8Array | undefined,
  client: Pick<ActkitServerClient, 'deriveSecret'>,
): Uint8Array | Promise<Uint8Array> {
  if (secret !== undefined && secret !== '') {
    const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    if (bytes.byteLength < minSecretBytes) throw tooShort();
    return bytes;
  }
  if (typeof client.deriveSecret !== 'function') {
    throw new TypeError(
      'createActkitHandler: pass `secret` (shared by every instance that serves the same users), or a client from createActkitClient (it derives one from its API key).',
    );
  }
  return client.deriveSecret(handleSecretPurpose).then((bytes) => {
    if (bytes.byteLength < minSecretBytes) throw tooShort();
    return bytes;
  });
}
