// @vitest-environment node
// `settle`: how every hook turns a contract request's outcome into data or an ActkitProblemError.
import { describe, expect, it } from 'vitest';
import { ActkitProblemError, problemFromResponse, settle } from '../src/problem-error.js';

/** The problem `settle` makes of a non-2xx answer with `body`. */
const problemOf = async (response: Response, body: unknown) => {
  const { data, error } = await settle(Promise.resolve({ data: undefined, error: body, response }));
  expect(data).toBeUndefined();
  return error!;
};

describe('settle', () => {
  it('passes the data of a 2xx answer through', async () => {
    const answer = { data: { task: 1 }, response: new Response(null, { status: 200 }) };
    expect(await settle(Promise.resolve(answer))).toEqual({ data: { task: 1 } });
  });

  it('maps a validation problem to status, title, detail and fieldErrors by path', async () => {
    const error = await problemOf(new Response(null, { status: 400 }), {
      type: 'https://actkit.dev/problems/validation',
      title: 'Invalid input',
      status: 400,
      detail: 'expressionIntensity: Too big',
      errors: [
        { path: 'expressionIntensity', message: 'Too big, expected number to be <=5' },
        { path: 'character.uri', message: 'must be an HTTPS URL' },
        { path: 'character.uri', message: 'a second message for the same field' },
      ],
    });
    expect(error).toBeInstanceOf(ActkitProblemError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ActkitProblemError',
      status: 400,
      title: 'Invalid input',
      detail: 'expressionIntensity: Too big',
      type: 'https://actkit.dev/problems/validation',
      message: 'expressionIntensity: Too big',
    });
    // One message per field: the first, which is what a form shows next to it.
    expect(error.fieldErrors).toEqual({
      expressionIntensity: 'Too big, expected number to be <=5',
      'character.uri': 'must be an HTTPS URL',
    });
  });

  it('takes the HTTP status over the body and survives a body that is not a problem (a proxy HTML page)', async () => {
    const error = await problemOf(new Response(null, { status: 502, statusText: 'Bad Gateway' }), '<html>');
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', type: 'about:blank', fieldErrors: {} });
    expect((await problemOf(new Response(null, { status: 503 }), undefined)).title).toBe('HTTP 503');
  });

  it('reads Retry-After (seconds or an HTTP date) on 429 and 503 only', () => {
    const at = (status: number, retryAfter: string) =>
      problemFromResponse(new Response(null, { status, headers: { 'retry-after': retryAfter } }), undefined)
        .retryAfterMs;
    expect(at(429, '40')).toBe(40_000);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(at(503, inAMinute)).toBeGreaterThan(55_000);
    expect(at(503, inAMinute)).toBeLessThanOrEqual(60_000);
    expect(at(503, 'soon')).toBeUndefined();
    expect(at(500, '40')).toBeUndefined();
  });

  it("falls back to the problem's retryAfter when the header cannot be read (cross-origin, not exposed)", () => {
    const body = {
      type: 'https://actkit.dev/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
    };
    expect(
      problemFromResponse(new Response(null, { status: 429 }), { ...body, retryAfter: 12 }).retryAfterMs,
    ).toBe(12_000);
    expect(problemFromResponse(new Response(null, { status: 429 }), body).retryAfterMs).toBeUndefined();
  });

  it('describes a request that got no answer as status 0 and keeps the cause', async () => {
    const cause = new TypeError('fetch failed');
    const { error } = await settle(Promise.reject(cause));
    expect(error).toMatchObject({ status: 0, title: 'Network error', fieldErrors: {} });
    expect(error?.cause).toBe(cause);
  });
});
