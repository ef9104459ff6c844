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
  TaskOutputMissingError,
  TaskTimeoutError,
  UnknownTaskStatusError,
  UnreadableTaskError,
} from '../src/index.js';
import { OutputDownloadError } from '../src/node/index.js';
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
    [new RateLimitError(leaky, { status: 429, retryAfterMs: 7000 }), 429, undefined],
    [new RateLimitError(leaky, { status: 429 }), 503, undefined],
    [new ActkitValidationError([{ path: 'x', message: leaky }], { status: 400 }, leaky), 400, undefined],
    [new TaskTimeoutError('t', 1000, undefined), 504, undefined],
    [new ServerError(leaky, { status: 503, retryAfterMs: 120_000 }), 503, undefined],
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

  it('maps every odd-answer error core throws to 502, not a generic 500', () => {
    const errors = [...oddAnswerErrors()];
    for (const error of errors) {
      expect(isActkitError(error), error.name).toBe(true);
      expect(problemFromError(error).status, error.name).toBe(502);
      expect(JSON.stringify(problemFromError(error))).not.toContain('SECRET');
    }
    expect(errors.map((e) => e.name).sort()).toEqual([
      'OutputDownloadError',
      'TaskOutputMissingError',
      'UnknownTaskStatusError',
      'UnreadableTaskError',
    ]);
  });

  it('passes the wait of a 5xx that asked for a long one on as a 503 with Retry-After', () => {
    const problem = problemFromError(new ServerError(leaky, { status: 503, retryAfterMs: 120_000 }));
    expect(problem.headers['retry-after']).toBe('120');
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

  it("keeps core's own validation issues (no provider status) as errors[] and detail", () => {
    const problem = problemFromError(
      new ActkitValidationError([{ path: 'seed', message: 'must be between 0 and 4294967295' }]),
    );
    expect(problem).toMatchObject({
      status: 400,
      json: {
        errors: [{ path: 'seed', message: 'must be between 0 and 4294967295' }],
        detail: 'seed must be between 0 and 4294967295',
      },
    });
  });

  it("a provider's 400 keeps only the field path the spec knows, in actkit's words", () => {
    const marker = 'gs://internal-bucket-7f3/assets';
    const rejected = problemFromError(
      new ActkitValidationError(
        [{ path: 'character.uri', message: `character.uri: cannot fetch ${marker}` }],
        { status: 400, body: { error: { message: marker, param: 'character.uri' } } },
        `Create failed: HTTP 400: ${marker}`,
      ),
    );
    expect(rejected).toMatchObject({
      status: 400,
      json: {
        type: 'https://actkit.dev/problems/validation',
        errors: [{ path: 'character.uri', message: 'was rejected by the video provider' }],
        detail: 'character.uri was rejected by the video provider',
      },
    });
    expect(JSON.stringify(rejected)).not.toContain('internal-bucket');
    // A `param` that is not a field of the spec could carry text itself: dropped.
    const unknownParam = problemFromError(
      new ActkitValidationError([{ path: marker, message: marker }], {
        status: 500,
        code: 'invalid_request',
      }),
    );
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.json).toEqual({
      type: 'https://actkit.dev/problems/validation',
      title: 'Invalid input',
      status: 400,
      detail: 'The video provider rejected the input.',
    });
  });

  it('recognises core errors by name, not instanceof (other bundles count too)', () => {
    expect(isActkitError(new ServerError('x'))).toBe(true);
    expect(isActkitError(Object.assign(new Error('x'), { name: 'RateLimitError' }))).toBe(true);
    expect(isActkitError(new Error('x'))).toBe(false);
  });
});

function* oddAnswerErrors() {
  yield new UnknownTaskStatusError('task-1', leaky);
  yield new TaskOutputMissingError('task-1', { reads: 4 });
  // A gateway's message inside a 200 is kept in this one's message: it must not reach the browser.
  yield new UnreadableTaskError('task-1', 'gateway-error', leaky);
  yield new OutputDownloadError(leaky, { reason: 'not-video', status: 200 });
}
