// Turns whatever body an adapter hands over into a parsed JSON value, enforcing "JSON only" (415) and the
// size limit (413) before anything is parsed, so a large or exotic body costs nothing.
import { problemResponse } from './problem.js';
import { headerValue } from './request-headers.js';
import type { ActkitJsonResponse, ActkitRequest } from './types.js';

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: ActkitJsonResponse };

const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json$/i;

/** True for application/json and application/<x>+json, with any parameters (charset). */
export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim() ?? '';
  return jsonMediaType.test(mediaType);
}

const isRawBytes = (body: unknown): body is Uint8Array | string | AsyncIterable<Uint8Array> =>
  typeof body === 'string' ||
  body instanceof Uint8Array ||
  (typeof body === 'object' && body !== null && Symbol.asyncIterator in body);

const tooLarge = (maxBytes: number) => problemResponse(413, `The body is larger than ${maxBytes} bytes.`);

async function readAtMost(
  source: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > maxBytes) return undefined; // leaving the loop stops reading; the adapter closes the socket
    chunks.push(bytes);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/** Reads and parses the JSON body of `request`. */
export async function readJsonBody(request: ActkitRequest, maxBytes: number): Promise<BodyResult> {
  if (!isJsonContentType(headerValue(request.headers, 'content-type'))) {
    return { ok: false, response: problemResponse(415, 'Send the body as application/json.') };
  }
  const declared = Number(headerValue(request.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };

  const body = request.body;
  if (!isRawBytes(body)) return { ok: true, value: body }; // already parsed by the framework (or absent)

  let bytes: Uint8Array | undefined;
  if (typeof body === 'string') bytes = new TextEncoder().encode(body);
  else if (body instanceof Uint8Array) bytes = body;
  else bytes = await readAtMost(body, maxBytes);
  if (!bytes || bytes.byteLength > maxBytes) return { ok: false, response: tooLarge(maxBytes) };

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // JSON.parse makes `__proto__` an own data property (it never sets the prototype); the input check
    // rejects such keys anyway.
    return { ok: true, value: text.trim() === '' ? undefined : JSON.parse(text) };
  } catch {
    return { ok: false, response: problemResponse(400, 'The body is not valid JSON.') };
  }
}
