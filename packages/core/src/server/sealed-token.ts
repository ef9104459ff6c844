// Owner-bound sealed tokens: a short text encrypted with AES-256-GCM under a key derived from the handler's
// secret, with the owner id as additional authenticated data. A token opens only for the owner it was
// sealed for; any altered byte fails the tag; the text stays hidden. Any instance with the same secret opens
// it: no database. Web Crypto keeps this free of node:* imports.
//
// Sealing is deterministic: the IV is the first 12 bytes of HMAC-SHA256 over (owner, text) under a second
// derived key (the synthetic-IV construction of SIV modes, RFC 5297). The same text for the same owner gives
// the same token, so a task listed by GET /tasks carries exactly the handle its create answered, and the
// browser's per-handle connection sharing and the server's opened-handle cache both recognise it. Equal
// tokens reveal only that the texts are equal; an IV repeats only for the same (owner, text), where GCM
// produces the same ciphertext and leaks nothing more.

const encoder = new TextEncoder();
const ivBytes = 12;
const tagBytes = 16;

/** Bytes as unpadded base64url. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Unpadded base64url as bytes; undefined unless `text` is the canonical spelling. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    // Only the canonical spelling counts: otherwise the unused bits of the last character would let
    // several strings open as the same token.
    return toBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** Seals and opens one kind of token (`<prefix>.<base64url>`) with keys of its own. */
export interface SealedTokens {
  /** Seals `text` (UTF-8) or bytes for `owner`. */
  seal(plain: string | Uint8Array, owner: string): Promise<string>;
  /** The sealed text, or undefined for a forged, altered, foreign (other owner) or other-kind token. */
  open(token: string, owner: string): Promise<string | undefined>;
  /** The sealed bytes, or undefined as for `open`. */
  openBytes(token: string, owner: string): Promise<Uint8Array | undefined>;
}

/**
 * Derives this kind's keys from `secret` (HKDF-SHA256, salt "actkit", info `<purpose>` and
 * `<purpose>-iv`) and returns its codec. `prefix` names the kind and version in every token (`v2`, `c1`).
 * `secret` may be a promise (a client deriving it from its key): `seal` and `open` wait for it, and reject
 * when it rejects.
 */
export function createSealedTokens(
  secret: Uint8Array | Promise<Uint8Array>,
  purpose: string,
  prefix: string,
): SealedTokens {
  const material = Promise.resolve(secret).then((bytes) =>
    crypto.subtle.importKey('raw', new Uint8Array(bytes), 'HKDF', false, ['deriveKey']),
  );
  const derive = (info: string, algorithm: AesKeyGenParams | HmacImportParams, usages: KeyUsage[]) =>
    material.then((base) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('actkit'), info: encoder.encode(info) },
        base,
        algorithm,
        false,
        usages,
      ),
    );
  const key = derive(purpose, { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']);
  const ivKey = derive(`${purpose}-iv`, { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']);
  const additionalData = (owner: string) => encoder.encode(`actkit-${purpose}\u0000${owner}`);

  const openBytes = async (token: string, owner: string): Promise<Uint8Array | undefined> => {
    const [kind, payload, ...rest] = token.split('.');
    if (kind !== prefix || payload === undefined || rest.length > 0) return undefined;
    const bytes = fromBase64Url(payload);
    if (!bytes || bytes.byteLength <= ivBytes + tagBytes) return undefined;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(0, ivBytes), additionalData: additionalData(owner) },
        await key,
        bytes.subarray(ivBytes),
      );
      return new Uint8Array(plain);
    } catch {
      return undefined; // wrong owner, altered or forged: all look the same to the caller
    }
  };

  return {
    async seal(text, owner) {
      const aad = additionalData(owner);
      const plain = typeof text === 'string' ? encoder.encode(text) : new Uint8Array(text);
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await ivKey, concat(aad, [0], plain)));
      const iv = mac.slice(0, ivBytes);
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, await key, plain),
      );
      return `${prefix}.${toBase64Url(concat(iv, sealed))}`;
    },
    async open(token, owner) {
      const plain = await openBytes(token, owner);
      if (plain === undefined) return undefined;
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(plain);
      } catch {
        return undefined;
      }
    },
    openBytes,
  };
}

function concat(...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
