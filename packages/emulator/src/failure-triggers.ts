import type { CharacterPerformanceRequest } from './types.js';

export interface PlannedFailure {
  failureCode: string;
  failure: string;
}

/**
 * Words in an asset URI that make a task fail, so tests and demos can reach every failure path on purpose.
 * Checked in this order (`fail-output-moderation` before the shorter `fail-moderation`).
 */
export const FAILURE_TRIGGERS = [
  'fail-output-moderation',
  'fail-moderation',
  'fail-asset',
  'fail-internal',
  'fail-unavailable',
] as const;

export function plannedFailure(body: CharacterPerformanceRequest): PlannedFailure | undefined {
  const characterUri = body.character.uri;
  const referenceUri = body.reference.uri;
  const any = (word: string) => characterUri.includes(word) || referenceUri.includes(word);

  if (any('fail-output-moderation')) {
    return {
      failureCode: 'SAFETY.OUTPUT.VIDEO',
      failure: 'The generated video did not pass content moderation.',
    };
  }
  if (characterUri.includes('fail-moderation')) {
    return body.character.type === 'image'
      ? { failureCode: 'SAFETY.INPUT.IMAGE', failure: 'The character image did not pass content moderation.' }
      : {
          failureCode: 'SAFETY.INPUT.VIDEO',
          failure: 'The character video did not pass content moderation.',
        };
  }
  if (referenceUri.includes('fail-moderation')) {
    return {
      failureCode: 'SAFETY.INPUT.VIDEO',
      failure: 'The reference video did not pass content moderation.',
    };
  }
  if (any('fail-asset')) {
    return {
      failureCode: 'ASSET.INVALID',
      failure: 'An input asset could not be read: check that the URL is reachable and the media is valid.',
    };
  }
  if (any('fail-internal')) {
    return {
      failureCode: 'INTERNAL.BAD_OUTPUT.CODE01',
      failure: 'An internal error occurred while generating the video.',
    };
  }
  if (any('fail-unavailable')) {
    return {
      failureCode: 'THIRD_PARTY.UNAVAILABLE',
      failure: 'A service the model depends on is temporarily unavailable. Try again later.',
    };
  }
  return undefined;
}
