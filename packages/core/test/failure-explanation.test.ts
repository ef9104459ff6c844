// Every failure-code family the provider can end a task with (the emulator's triggers produce SAFETY.INPUT.*,
// SAFETY.OUTPUT.VIDEO, ASSET.INVALID, INTERNAL.BAD_OUTPUT.CODE01, THIRD_PARTY.UNAVAILABLE) gets its own words.
import { describe, expect, it } from 'vitest';
import { explainFailure } from '../src/index.js';

describe('explainFailure', () => {
  it.each([
    ['SAFETY.INPUT.IMAGE', "The provider's moderation rejected the input."],
    ['SAFETY.INPUT.VIDEO', "The provider's moderation rejected the input."],
    ['INPUT_PREPROCESSING.SAFETY.TEXT', "The provider's moderation rejected the input."],
    ['SAFETY.OUTPUT.VIDEO', "The provider's moderation rejected the generated video."],
    ['ASSET.INVALID', 'The provider could not use an asset.'],
    ['THIRD_PARTY.UNAVAILABLE', 'The provider was temporarily unavailable.'],
    ['INTERNAL.BAD_OUTPUT.CODE01', 'The model produced an unusable video.'],
    ['INTERNAL', 'The provider failed internally.'],
    ['INTERNAL.SOMETHING', 'The provider failed internally.'],
    ['INPUT_PREPROCESSING.INTERNAL', 'The provider failed internally.'],
    ['CANCELLED', 'The task was cancelled.'],
  ])('%s → %s', (code, title) => {
    expect(explainFailure(code).title).toBe(title);
  });

  it('has a generic explanation for unknown or missing codes', () => {
    expect(explainFailure('SOMETHING.NEW').title).toBe('The task failed.');
    expect(explainFailure(undefined).title).toBe('The task failed.');
  });
});
