import { describe, expect, it } from 'vitest';
import { PlainRequest } from '../src/outgoing-request.js';

describe('PlainRequest (what openapi-fetch builds for the transport)', () => {
  it('keeps the URL, method, headers and JSON text as given', () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    const request = new PlainRequest(new URL('http://127.0.0.1/v1/x'), {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(request).toMatchObject({ url: 'http://127.0.0.1/v1/x', method: 'POST', body: '{}' });
    expect(request.headers).toBe(headers);
  });

  it('defaults to GET with no body, and refuses a non-text body rather than dropping it', () => {
    expect(new PlainRequest('http://127.0.0.1/', { headers: { a: 'b' } })).toMatchObject({
      method: 'GET',
      body: undefined,
    });
    expect(() => new PlainRequest('http://127.0.0.1/', { method: 'POST', body: new Uint8Array(1) })).toThrow(
      TypeError,
    );
  });
});
