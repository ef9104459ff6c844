// Opaque, owner-bound task handles. The provider task id is sealed with AES-256-GCM under a key derived
// from the handler's secret, with the owner id as additional authenticated data: a handle opens only for
// the owner it was issued to, any altered byte fails the tag, and the browser never sees the provider id.
// Any instance with the same secret opens it: no database. Web Crypto keeps this free of node:* imports.

const version = 'v1';
const encoder = new TextEncoder();
const ivBytes = 12;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    // Only the canonical spelling counts: otherwise the unused bits of the last character would let
    // several strings open as the same handle.
    return toBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

const additionalData = (owner: string) => encoder.encode(`actkit-handle-${version}\u0000${owner}`);

/** Seals and opens handles with one derived key. */
export interface TaskHandleCodec {
  seal(taskId: string, owner: string): Promise<string>;
  /** The provider task id, or undefined for a forged, altered or foreign (other owner) handle. */
  open(handle: string, owner: string): Promise<string | undefined>;
}

/**
 * Derives the AES key from `secret` (HKDF-SHA256, domain-separated) and returns the codec. `secret` may be a
 * promise (a client deriving it from its key): `seal` and `open` wait for it, and reject when it rejects.
 */
export function createTaskHandleCodec(secret: Uint8Array | Promise<Uint8Array>): TaskHandleCodec {
  const key = Promise.resolve(secret)
    .then((bytes) => crypto.subtle.importKey('raw', new Uint8Array(bytes), 'HKDF', false, ['deriveKey']))
    .then((material) =>
      crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: encoder.encode('actkit'),
          info: encoder.encode(`task-handle-${version}`),
        },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      ),
    );
  // A secret that fails to resolve rejects every seal and open (a 500, reported); it must not also crash the
  // process as an unhandled rejection before the first request.
  key.catch(() => {});

  return {
    async seal(taskId, owner) {
      const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: additionalData(owner) },
          await key,
          encoder.encode(taskId),
        ),
      );
      const out = new Uint8Array(ivBytes + sealed.byteLength);
      out.set(iv);
      out.set(sealed, ivBytes);
      return `${version}.${toBase64Url(out)}`;
    },
    async open(handle, owner) {
      const [prefix, payload, ...rest] = handle.split('.');
      if (prefix !== version || payload === undefined || rest.length > 0) return undefined;
      const bytes = fromBase64Url(payload);
      if (!bytes || bytes.byteLength <= ivBytes + 16) return undefined;
      const aesKey = await key; // outside the try: a missing key is an error, not a foreign handle
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, ivBytes), additionalData: additionalData(owner) },
          aesKey,
          bytes.subarray(ivBytes),
        );
        return new TextDecoder().decode(plain);
      } catch {
        return undefined; // wrong owner, altered or forged: all look the same to the caller (404)
      }
    },
  };
}
