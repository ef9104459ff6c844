// Sorts a 400 problem's field errors onto the form's fields. A path the form has no field for (a future spec
// field, a forbidden key) is still shown, in the list above the button.
import type { ActkitProblemError } from '@actkit/react';

/** Form field id → the problem paths whose messages belong next to it (the first match wins). */
const pathsByField = {
  characterType: ['character.type', 'character'],
  characterUri: ['character.uri'],
  referenceUri: ['reference.uri', 'reference.type', 'reference'],
  bodyControl: ['bodyControl'],
  expressionIntensity: ['expressionIntensity'],
  ratio: ['ratio'],
  seed: ['seed'],
  publicFigureThreshold: ['contentModeration.publicFigureThreshold', 'contentModeration'],
} as const;

export type FieldId = keyof typeof pathsByField;

export interface SortedFieldErrors {
  byField: Partial<Record<FieldId, string>>;
  /** `path: message` for errors no field claims. */
  unplaced: string[];
}

export function sortFieldErrors(problem: ActkitProblemError | undefined): SortedFieldErrors {
  const byField: SortedFieldErrors['byField'] = {};
  const placed = new Set<string>();
  const errors = problem?.fieldErrors ?? {};
  for (const [field, paths] of Object.entries(pathsByField) as [FieldId, readonly string[]][]) {
    const path = paths.find((candidate) => errors[candidate] !== undefined);
    if (path) byField[field] = errors[path];
    for (const candidate of paths) if (errors[candidate] !== undefined) placed.add(candidate);
  }
  const unplaced = Object.entries(errors)
    .filter(([path]) => !placed.has(path))
    .map(([path, message]) => `${path}: ${message}`);
  return { byField, unplaced };
}
