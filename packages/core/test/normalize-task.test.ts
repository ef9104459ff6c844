import { describe, expect, it } from 'vitest';
import { isTerminal, normalizeTask, UnexpectedResponseError } from '../src/index.js';

const bare = { id: 't1', status: 'RUNNING', createdAt: '2025-01-02T03:04:05.000Z', progress: 0.25 };
const wrap = (inner: object, wrapper: object = {}) => ({
  code: 'success',
  message: '',
  data: {
    task_id: 't1',
    action: 'character_performance',
    status: 'IN_PROGRESS',
    fail_reason: '',
    submit_time: 1735787045,
    start_time: 1735787046,
    finish_time: 0,
    progress: '42%',
    data: inner,
    ...wrapper,
  },
});

describe('normalizeTask', () => {
  it('keeps a bare Runway task as is, with the raw body', () => {
    const task = normalizeTask(bare);
    expect(task).toMatchObject({ id: 't1', status: 'RUNNING', progress: 0.25, createdAt: bare.createdAt });
    expect(task.raw).toBe(bare);
    expect(isTerminal(task)).toBe(false);
  });

  it('prefers the inner task of the envelope over the wrapper', () => {
    const task = normalizeTask(wrap(bare));
    expect(task).toMatchObject({ id: 't1', status: 'RUNNING', progress: 0.25 });
  });

  it('fills gaps from the wrapper: id, status, percent progress, submit time', () => {
    const task = normalizeTask(wrap({}));
    expect(task).toMatchObject({ id: 't1', status: 'RUNNING', progress: 0.42 });
    expect(task.createdAt).toBe(new Date(1735787045 * 1000).toISOString());
  });

  it('maps wrapper SUCCESS and FAILURE', () => {
    const ok = normalizeTask(
      wrap({ output: ['https://cdn.example.com/a.mp4'] }, { status: 'SUCCESS', progress: '100%' }),
    );
    expect(ok).toMatchObject({ status: 'SUCCEEDED', progress: 1, output: ['https://cdn.example.com/a.mp4'] });
    const failed = normalizeTask(wrap({}, { status: 'FAILURE', fail_reason: 'upstream broke' }));
    expect(failed).toMatchObject({ status: 'FAILED', failure: 'upstream broke', retryable: false });
    expect(isTerminal(failed)).toBe(true);
    expect(normalizeTask(wrap({}, { status: 'QUEUED' })).status).toBe('PENDING');
  });

  it('returns output URLs on SUCCEEDED and failure details on FAILED', () => {
    const ok = normalizeTask({ ...bare, status: 'SUCCEEDED', output: ['https://cdn.example.com/a.mp4'] });
    expect(ok).toMatchObject({ status: 'SUCCEEDED', progress: 1, output: ['https://cdn.example.com/a.mp4'] });
    const safety = normalizeTask({
      ...bare,
      status: 'FAILED',
      failure: 'nope',
      failureCode: 'SAFETY.INPUT.IMAGE',
    });
    expect(safety).toMatchObject({ failureCode: 'SAFETY.INPUT.IMAGE', retryable: false });
    const flaky = normalizeTask({
      ...bare,
      status: 'FAILED',
      failure: 'x',
      failureCode: 'THIRD_PARTY.UNAVAILABLE',
    });
    expect(flaky).toMatchObject({ retryable: true });
  });

  it('keeps THROTTLED and CANCELLED', () => {
    expect(normalizeTask({ ...bare, status: 'THROTTLED' }).status).toBe('THROTTLED');
    expect(isTerminal(normalizeTask({ ...bare, status: 'CANCELLED' }))).toBe(true);
  });

  it('rejects bodies that are not tasks with UnexpectedResponseError', () => {
    expect(() => normalizeTask('<html>')).toThrow(UnexpectedResponseError);
    expect(() => normalizeTask({ hello: 'world' })).toThrow(UnexpectedResponseError);
  });
});
