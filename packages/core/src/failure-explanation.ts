// A failed task explained in actkit's own words, from its failure code (Runway's codes: api-facts, "Failure
// codes"). The server handler sends the browser these words instead of the provider's `failure` text, which
// can name internal hosts or buckets and is for server logs only; a page (the demo) shows title and advice.

/** What a failure code means (`title`, one sentence) and what to do about it (`advice`). */
export interface FailureExplanation {
  title: string;
  advice: string;
}

const explanations: { matches: (code: string) => boolean; explanation: FailureExplanation }[] = [
  {
    matches: (code) => code.startsWith('SAFETY.INPUT.') || code.startsWith('INPUT_PREPROCESSING.SAFETY.'),
    explanation: {
      title: "The provider's moderation rejected the input.",
      advice:
        'The character or the reference did not pass content moderation. Use other assets; trying the same ones again fails the same way and costs credits.',
    },
  },
  {
    matches: (code) => code.startsWith('SAFETY.OUTPUT.'),
    explanation: {
      title: "The provider's moderation rejected the generated video.",
      advice: 'The output did not pass content moderation. Try other assets or another seed.',
    },
  },
  {
    matches: (code) => code === 'ASSET.INVALID',
    explanation: {
      title: 'The provider could not use an asset.',
      advice:
        'An asset could not be fetched or decoded: check that each URL is public https, answers without a redirect, and is a supported image or video (the reference 3–30 s long).',
    },
  },
  {
    matches: (code) => code === 'THIRD_PARTY.UNAVAILABLE',
    explanation: {
      title: 'The provider was temporarily unavailable.',
      advice: 'This is on their side and usually passes: trying again in a little while may succeed.',
    },
  },
  {
    matches: (code) => code.startsWith('INTERNAL.BAD_OUTPUT.'),
    explanation: {
      title: 'The model produced an unusable video.',
      advice: 'The same input tends to fail the same way: change the assets or the seed before trying again.',
    },
  },
  {
    matches: (code) =>
      code === 'INTERNAL' || code.startsWith('INTERNAL.') || code === 'INPUT_PREPROCESSING.INTERNAL',
    explanation: {
      title: 'The provider failed internally.',
      advice: 'Not caused by your input: trying again may succeed.',
    },
  },
  {
    matches: (code) => code === 'CANCELLED',
    explanation: { title: 'The task was cancelled.', advice: 'Nothing was generated. Start a new one.' },
  },
];

/**
 * The explanation of a FAILED task's code (`CANCELLED` for a cancelled task). Unknown or missing codes get a
 * generic one. Pure; never includes the provider's own text.
 */
export function explainFailure(failureCode: string | undefined): FailureExplanation {
  // Any letter case: `normalizeTask` hands codes out upper case, a caller's own code may not be.
  const code = failureCode?.trim().toUpperCase();
  const found = code && explanations.find((entry) => entry.matches(code));
  return found
    ? found.explanation
    : {
        title: 'The task failed.',
        advice: 'The provider gave no known reason code. Check the assets, then try again.',
      };
}
