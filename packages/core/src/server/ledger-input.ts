// What the ledger keeps of a create's input: everything as sent, except that every `data:` URI (an asset
// inlined as base64, up to megabytes) becomes its media type, decoded size and SHA-256. Enough to recognise
// the asset again; never the payload. Web Crypto, so this runs wherever the handler does.
import type { DataUriSummary, LedgerInput } from './store.js';

const dataUri = /^data:([^;,]*)(;[^,]*)?,/;

/** The decoded bytes, or undefined when `text` is not valid base64. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A payload that is not base64 (or not valid base64): its percent-decoded text, else the text as is. */
function textBytes(text: string): Uint8Array<ArrayBuffer> {
  try {
    return new TextEncoder().encode(decodeURIComponent(text));
  } catch {
    return new TextEncoder().encode(text);
  }
}

async function summarize(uri: string): Promise<DataUriSummary> {
  const head = dataUri.exec(uri);
  const mediaType = head?.[1] || 'text/plain';
  const payload = uri.slice(head?.[0].length ?? 5);
  const base64 = head?.[2]?.split(';').includes('base64') ?? false;
  const bytes = (base64 ? decodeBase64(payload) : undefined) ?? textBytes(payload);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let sha256 = '';
  for (const byte of digest) sha256 += byte.toString(16).padStart(2, '0');
  return { mediaType, bytes: bytes.byteLength, sha256 };
}

async function replaceDataUris(value: unknown): Promise<unknown> {
  if (typeof value === 'string') return value.startsWith('data:') ? summarize(value) : value;
  if (Array.isArray(value)) return Promise.all(value.map(replaceDataUris));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, child]) => [key, await replaceDataUris(child)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * `input` (already validated JSON) with every `data:` URI string, at any depth, replaced by its
 * `DataUriSummary`. Never throws on a payload: one that is not valid base64 is summarised as text (the
 * provider will refuse it; the record must still be written first).
 */
export async function toLedgerInput(input: object): Promise<LedgerInput> {
  return (await replaceDataUris(input)) as LedgerInput;
}
