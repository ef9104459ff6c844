// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ActkitProblemError, networkProblem, problemFromResponse } from '../src/problem-error.js';

describe('problemFromResponse', () => {
  it('maps a validation problem to status, title, detail and fieldErrors by path', () => {
    const error = problemFromResponse(new Response(null, { status: 400 }), {
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

  it('takes the HTTP status over the body and survives a body that is not a problem (a proxy HTML page)', () => {
    const error = problemFromResponse(
      new Response(null, { status: 502, statusText: 'Bad Gateway' }),
      '<html>',
    );
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', type: 'about:blank', fieldErrors: {} });
    expect(problemFromResponse(new Response(null, { status: 503 }), undefined).title).toBe('HTTP 503');
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

  it('describes a request that got no answer as status 0 and keeps the cause', () => {
    const cause = new TypeError('fetch failed');
    const error = networkProblem(cause);
    expect(error).toMatchObject({ status: 0, title: 'Network error', fieldErrors: {} });
    expect(error.cause).toBe(cause);
  });
});
