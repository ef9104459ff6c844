// Whether a FAILED task is worth creating again. Moderation (SAFETY.*), bad assets and "the model produced
// a bad output" (INTERNAL.BAD_OUTPUT.*) fail the same way again, and every retry is paid; provider hiccups
// (THIRD_PARTY.UNAVAILABLE, INTERNAL, INPUT_PREPROCESSING.INTERNAL) may pass on a second try.

const notRetryablePrefixes = ['SAFETY.', 'INPUT_PREPROCESSING.SAFETY.', 'INTERNAL.BAD_OUTPUT.'];
const notRetryableCodes = new Set(['ASSET.INVALID', 'CANCELLED']);
const retryableCodes = new Set(['THIRD_PARTY.UNAVAILABLE', 'INTERNAL', 'INPUT_PREPROCESSING.INTERNAL']);

/**
 * True when creating the task again could help. Unknown or missing codes count as not retryable: a retry is
 * a paid action, so the caller should decide knowingly. Codes match in any letter case
 * (`third_party.unavailable` is `THIRD_PARTY.UNAVAILABLE`; `normalizeTask` already hands them out upper case).
 */
export function isRetryableFailure(code: string | undefined): boolean {
  const failureCode = code?.trim().toUpperCase();
  if (!failureCode) return false;
  if (notRetryableCodes.has(failureCode)) return false;
  if (notRetryablePrefixes.some((prefix) => failureCode.startsWith(prefix))) return false;
  if (retryableCodes.has(failureCode)) return true;
  // Other INTERNAL.* codes (not BAD_OUTPUT, handled above) are provider-side faults.
  return failureCode.startsWith('INTERNAL.');
}
