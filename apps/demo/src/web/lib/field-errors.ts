// Sorts a 400 problem's field errors onto the form's fields, plus the errors the form finds itself (a number
// field holding text that is no number), worded by the same message table the server uses (@actkit/core's
// `ruleMessage` over the spec's field rules), so the page says one thing the same way whoever noticed it. A
// path the form has no field for (a future spec field, a forbidden key) is still shown, in the list above
// the button, as the sentence the problem's `detail` uses ("foo is not a known field (known: …)"). An error
// describes the value it was found in: once the field's value changes, the form stops showing it.
import { characterPerformanceFieldRules, ruleMessage } from '@actkit/core';

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
  /** `path message` sentences for errors no field claims. */
  unplaced: string[];
}

/**
 * The table's message for a form field whose text the form cannot send (it is no number): the same words
 * the server would use for that field's rule. Paths are the spec's (`seed`, `expressionIntensity`).
 */
export function unreadableFieldErrors(paths: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const path of paths) {
    const rule = characterPerformanceFieldRules.get(path);
    const message = rule && ruleMessage(rule, Number.NaN);
    if (message) errors[path] = message;
  }
  return errors;
}

/**
 * `errors` (problem path → message) without those of `fields`: the fields whose value changed since the
 * errors were found, so the errors no longer describe what the fields hold.
 */
export function withoutFields(
  errors: Readonly<Record<string, string>>,
  fields: ReadonlySet<FieldId>,
): Record<string, string> {
  const stale = new Set<string>([...fields].flatMap((field) => pathsByField[field]));
  return Object.fromEntries(Object.entries(errors).filter(([path]) => !stale.has(path)));
}

/** Field errors by problem path (the server's `problem.fieldErrors`, the form's own), sorted onto the fields. */
export function sortFieldErrors(errors: Readonly<Record<string, string>>): SortedFieldErrors {
  const byField: SortedFieldErrors['byField'] = {};
  const placed = new Set<string>();
  for (const [field, paths] of Object.entries(pathsByField) as [FieldId, readonly string[]][]) {
    const path = paths.find((candidate) => errors[candidate] !== undefined);
    if (path) byField[field] = errors[path];
    for (const candidate of paths) if (errors[candidate] !== undefined) placed.add(candidate);
  }
  const unplaced = Object.entries(errors)
    .filter(([path]) => !placed.has(path))
    .map(([path, message]) => `${path || 'The input'} ${message}`);
  return { byField, unplaced };
}
