import { describe, expect, it } from 'vitest';
import { isRetryableFailure } from '../src/index.js';

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
  ])('%s → %s', (code, expected) => {
    expect(isRetryableFailure(code)).toBe(expected);
  });
});
