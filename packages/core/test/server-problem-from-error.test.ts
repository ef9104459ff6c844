// Upstream errors become problems a browser may see: the right status, a fixed detail, never the
// provider's message (which could echo a key or name the provider host).
import { describe, expect, it } from 'vitest';
import {
  ActkitValidationError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TaskMayExistError,
  TaskTimeoutError,
} from '../src/index.js';
import { isActkitError, problemFromError } from '../src/server/index.js';

const leaky = 'Bearer sk-live-SECRET at https://api.cometapi.com/runwayml/v1';

describe('problemFromError', () => {
  it.each([
    [new ServerError(leaky, { status: 500 }), 502, undefined],
    [new ConnectionError(leaky), 502, undefined],
    [new AuthenticationError(leaky, { status: 401 }), 502, 'Upstream authentication failed.'],
    [new PermissionDeniedError(leaky, { status: 403 }), 502, 'Upstream authentication failed.'],
    [new TaskMayExistError(leaky, { sentAt: new Date().toISOString() }), 502, undefined],
    [new NotFoundError(leaky, { status: 404 }), 404, 'No such task.'],
    [new RateLimitError(leaky, { status: 429, retryAfterMs: 7000 }), 503, undefined],
    [new TaskTimeoutError('t', 1000, undefined), 504, undefined],
    [new Error(leaky), 500, 'Something went wrong.'],
  ])('%s → %i without the provider message', (error, status, detail) => {
    const problem = problemFromError(error);
    expect(problem.status).toBe(status);
    expect(problem.headers['content-type']).toBe('application/problem+json');
    const text = JSON.stringify(problem);
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('cometapi');
    if (detail) expect((problem.json as { detail: string }).detail).toBe(detail);
  });

  it('says a create may have happened for TaskMayExistError', () => {
    const problem = problemFromError(new TaskMayExistError('x', { sentAt: '2026-01-01T00:00:00Z' }));
    expect((problem.json as { detail: string }).detail).toMatch(/may have been created/);
  });

  it('passes Retry-After on from an upstream rate limit (rounded up to seconds)', () => {
    expect(problemFromError(new RateLimitError('x', { retryAfterMs: 6500 })).headers['retry-after']).toBe(
      '7',
    );
  });

  it('keeps validation issues as errors[]', () => {
    const problem = problemFromError(new ActkitValidationError([{ path: 'seed', message: 'too big' }]));
    expect(problem).toMatchObject({ status: 400, json: { errors: [{ path: 'seed', message: 'too big' }] } });
  });

  it('recognises core errors by name, not instanceof (other bundles count too)', () => {
    expect(isActkitError(new ServerError('x'))).toBe(true);
    expect(isActkitError(Object.assign(new Error('x'), { name: 'RateLimitError' }))).toBe(true);
    expect(isActkitError(new Error('x'))).toBe(false);
  });
});
