import { describe, expect, it } from 'vitest';
import { explainFailure, isRetryableFailure, TaskFailedError } from '../src/index.js';
import { clientFor, emulator, input } from './helpers.js';

describe('isRetryableFailure', () => {
  it.each([
    ['SAFETY.INPUT.IMAGE', false],
    ['SAFETY.OUTPUT.VIDEO', false],
    ['INPUT_PREPROCESSING.SAFETY.TEXT', false],
    ['ASSET.INVALID', false],
    ['INTERNAL.BAD_OUTPUT.CODE01', false],
    ['THIRD_PARTY.UNAVAILABLE', true],
    ['INTERNAL', true],
    ['INPUT_PREPROCESSING.INTERNAL', true],
    ['SOMETHING.NEW', false],
    [undefined, false],
    // Any letter case: one code, one answer.
    ['third_party.unavailable', true],
    ['Internal', true],
    ['safety.input.image', false],
    ['internal.bad_output.code01', false],
  ])('%s → %s', (code, expected) => {
    expect(isRetryableFailure(code)).toBe(expected);
  });
});

describe('failure codes in lower case from the provider (a gateway passing them on)', () => {
  const createdAt = '2025-01-02T03:04:05.000Z';

  it.each([
    [
      'bare',
      (id: string) => ({
        id,
        status: 'FAILED',
        createdAt,
        failure: 'busy',
        failureCode: 'third_party.unavailable',
      }),
    ],
    [
      'wrapped',
      (id: string) => ({
        code: 'success',
        message: '',
        data: {
          task_id: id,
          status: 'failure',
          fail_reason: 'busy',
          data: { id, status: 'failed', createdAt, failureCode: ' Third_Party.Unavailable ' },
        },
      }),
    ],
  ])(
    '%s: upper case on the task and the error, so retryable and the explanation are right',
    async (_, body) => {
      const emu = await emulator({ taskMs: 60_000 });
      const client = clientFor(emu);
      const { id } = await client.characterPerformance.create(input());
      emu.inject({ kind: 'reply', route: 'getTask', json: body(id), times: 2 });
      const task = await client.tasks.retrieve(id);
      expect(task).toMatchObject({
        status: 'FAILED',
        failureCode: 'THIRD_PARTY.UNAVAILABLE',
        retryable: true,
      });
      const error = await client.tasks.wait(id, { pollIntervalMs: 20 }).catch((e) => e);
      expect(error).toBeInstanceOf(TaskFailedError);
      expect(error).toMatchObject({ failureCode: 'THIRD_PARTY.UNAVAILABLE', retryable: true, taskId: id });
      expect(explainFailure(error.failureCode)).toEqual(explainFailure('THIRD_PARTY.UNAVAILABLE'));
    },
  );
});
