import { describe, expect, it } from 'vitest';
import { decideRetry, fullJitterDelay, parseRetryAfter } from '../src/index.js';

describe('backoff', () => {
  it('full jitter stays within [0, min(max, base·2^n))', () => {
    expect(fullJitterDelay(0, { baseMs: 100, maxMs: 1000 }, () => 0.999)).toBeLessThan(100);
    expect(fullJitterDelay(3, { baseMs: 100, maxMs: 1000 }, () => 0.999)).toBe(799);
    expect(fullJitterDelay(10, { baseMs: 100, maxMs: 1000 }, () => 0.999)).toBe(999);
    expect(fullJitterDelay(10, { baseMs: 100, maxMs: 1000 }, () => 0)).toBe(0);
  });

  it('reads retry-after-ms, Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});

describe('retry policy', () => {
  const answer = (status: number, code?: string) =>
    ({ type: 'answer', status, body: { error: { message: 'x', type: 'comet_api_error', code } } }) as const;

  it('retries a create only when no task can exist', () => {
    expect(decideRetry('create', answer(429))).toBe('retry');
    expect(decideRetry('create', answer(503))).toBe('retry');
    expect(decideRetry('create', { type: 'network', notSent: true })).toBe('retry');
    expect(decideRetry('create', { type: 'network', notSent: false })).toBe('ambiguous');
    expect(decideRetry('create', { type: 'timeout' })).toBe('ambiguous');
    for (const status of [500, 502, 504]) expect(decideRetry('create', answer(status))).toBe('ambiguous');
    expect(decideRetry('create', answer(500, 'invalid_request'))).toBe('fail');
    for (const status of [400, 401, 403, 404]) expect(decideRetry('create', answer(status))).toBe('fail');
  });

  it('retries reads on anything transient', () => {
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(decideRetry('read', answer(status))).toBe('retry');
    expect(decideRetry('read', { type: 'timeout' })).toBe('retry');
    expect(decideRetry('read', { type: 'network', notSent: false })).toBe('retry');
    expect(decideRetry('read', answer(500, 'invalid_request'))).toBe('fail');
    for (const status of [400, 401, 403, 404]) expect(decideRetry('read', answer(status))).toBe('fail');
  });
});
