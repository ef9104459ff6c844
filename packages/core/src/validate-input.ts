// Validation before a paid request is sent: fill the spec's defaults (and a random seed), reject unknown
// fields (a typo such as `expresionIntensity` would otherwise be silently dropped and the default used),
// check the generated zod schema, and apply core's asset-URI rules. Every problem is reported, not just the
// first, in the message table's words (field-messages.ts), never zod's.
import * as z from 'zod';
import { assetKindOf } from './asset-limits.js';
import { checkAssetUri } from './asset-uri.js';
import type { CharacterPerformanceRequest } from './character-performance-input.js';
import type { ValidationIssue } from './errors.js';
import { fieldMessages, ruleMessage } from './field-messages.js';
import { characterPerformanceFieldRules, fieldRuleOf } from './field-rules.js';
import {
  characterImageProperties,
  characterPerformanceRequestDefaults,
  characterPerformanceRequestProperties,
  characterPerformanceRequestRequired,
  characterVideoProperties,
  contentModerationDefaults,
  contentModerationProperties,
  referenceVideoProperties,
} from './generated/cometapi-runway/defaults.gen.js';
import {
  zCharacterImage,
  zCharacterPerformanceRequest,
  zCharacterVideo,
} from './generated/cometapi-runway/zod.gen.js';
import { randomSeed } from './random-seed.js';

/** The result of `validateCharacterPerformanceInput`. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields a caller must give: required by the spec and without a default (the seed is drawn). */
const requiredInput = characterPerformanceRequestRequired.filter(
  (key) => !(key in characterPerformanceRequestDefaults) && key !== 'seed',
);
// The fast path's schema: the generated request schema with `character` checked by the per-type schemas
// through a discriminated union. The generated `character` is a union of `{ type: literal } & CharacterX`,
// which accepts and returns exactly what CharacterX does (its `type` is that literal already), but zod
// merges both sides of each intersection value by value: half of a valid create's validation CPU. Same
// inputs accepted, same output (a test checks both against each other); only reached after core's checks.
export const zCharacterPerformanceRequestFast = zCharacterPerformanceRequest.extend({
  character: z.discriminatedUnion('type', [zCharacterImage, zCharacterVideo]),
});
const characterPropertiesByType: Record<string, readonly string[]> = {
  [zCharacterImage.shape.type.value]: characterImageProperties,
  [zCharacterVideo.shape.type.value]: characterVideoProperties,
};

function unknownKeys(value: unknown, known: readonly string[], prefix: string): ValidationIssue[] {
  if (!isObject(value)) return [];
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      path: prefix ? `${prefix}.${key}` : key,
      message: fieldMessages.unknownField(known),
    }));
}

/**
 * The input with every undefined field (absent, or `{ ratio: undefined }`: "use the default") set to its
 * default, and an undefined `seed` set to a random one (see random-seed.ts). A copy of the input completed key by key rather than `{ ...defaults, ...input }` with the
 * undefined keys filtered out: adding keys one by one to a fresh object is slow in V8 (~3 µs here), and
 * the key order does not matter because the schema's parse returns the keys in schema order.
 */
function fill(defaults: Readonly<Loose>, input: Loose): Loose {
  const filled: Loose = { ...input };
  for (const key in defaults) if (filled[key] === undefined) filled[key] = defaults[key];
  return filled;
}

function withDefaults(input: Loose): Loose {
  const filled = fill(characterPerformanceRequestDefaults, input);
  if (filled.seed === undefined) filled.seed = randomSeed();
  if (isObject(input.contentModeration)) {
    filled.contentModeration = fill(contentModerationDefaults, input.contentModeration);
  }
  return filled;
}

/** The value at a dotted path, or undefined when a step on the way is not an object. */
function valueAt(value: Loose, path: string): { parent: Loose; value: unknown } | undefined {
  const keys = path.split('.');
  let parent: unknown = value;
  for (const key of keys.slice(0, -1)) parent = isObject(parent) ? parent[key] : undefined;
  return isObject(parent) ? { parent, value: parent[keys.at(-1) as string] } : undefined;
}

/**
 * Every field that breaks its rule (field-rules.ts), in the table's words. A field under one that is not an
 * object is skipped: the object's own issue says what is wrong.
 */
/** The kind of asset `path` (`character.uri`, `reference.uri`) must hold, from the input's own `type`. */
const assetFieldKind = (path: string, value: Loose) => {
  const field = path.split('.')[0];
  return field === 'character' || field === 'reference' ? assetKindOf(field, value) : undefined;
};

function ruleIssues(value: Loose): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [path, rule] of characterPerformanceFieldRules) {
    const found = valueAt(value, path);
    if (!found) continue;
    const message =
      ruleMessage(rule, found.value) ??
      (rule.kind === 'assetUri' ? checkAssetUri(found.value, assetFieldKind(path, value)) : undefined);
    if (message) issues.push({ path, message });
  }
  return issues;
}

/**
 * What the generated schema (the authority) rejects beyond the rules: each issue is reported at the field
 * that owns it, once, unless that field (or one above or below it) is reported already.
 */
function schemaIssues(value: Loose, reported: ValidationIssue[]): ValidationIssue[] {
  const zodIssues = zCharacterPerformanceRequestFast.safeParse(value).error?.issues ?? [];
  const paths = reported.map((issue) => issue.path);
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  const issues: ValidationIssue[] = [];
  for (const zodIssue of zodIssues) {
    const raw = zodIssue.path.map(String).join('.');
    const owner = fieldRuleOf(raw);
    const path = owner?.path ?? raw;
    if (paths.some((known) => related(known, path))) continue;
    paths.push(path);
    const message = owner?.rule.kind === 'assetUri' ? fieldMessages.httpsUrl() : fieldMessages.invalid();
    issues.push({ path, message });
  }
  return issues;
}

/** Whether `input` (or one of its objects) has a field the spec does not know: no issue list is built. */
function hasUnknownKeys(input: Loose): boolean {
  const character = input.character as Loose | undefined;
  const checks: [unknown, readonly string[]][] = [
    [input, characterPerformanceRequestProperties],
    [character, characterPropertiesByType[String(character?.type)] ?? characterImageProperties],
    [input.reference, referenceVideoProperties],
    [input.contentModeration, contentModerationProperties],
  ];
  for (const [value, known] of checks) {
    if (!isObject(value)) continue;
    for (const key of Object.keys(value)) if (!known.includes(key)) return true;
  }
  return false;
}

/** Whether an asset URI breaks core's rules (see asset-uri.ts). */
function assetUriProblem(value: Loose): boolean {
  for (const field of ['character', 'reference'] as const) {
    const asset = value[field];
    if (isObject(asset) && checkAssetUri(asset.uri, assetKindOf(field, value)) !== undefined) return true;
  }
  return false;
}

/**
 * Validates and completes a create input. Synchronous; no request is made. On success `value` is the full
 * wire body: the spec's defaults filled in, and a missing `seed` set to a random integer in the spec's range
 * (so `value.seed` is the seed that will be sent). On failure `issues` lists every bad field with a path like
 * `expressionIntensity` or `character.uri` and a message from the table in field-messages.ts ("must be
 * between 0 and 4294967295"). The server handler reuses this to validate browser input.
 */
export function validateCharacterPerformanceInput(
  input: unknown,
): ValidationResult<CharacterPerformanceRequest> {
  if (!isObject(input)) {
    return {
      ok: false,
      issues: [{ path: '', message: fieldMessages.inputObject(requiredInput) }],
    };
  }
  const value = withDefaults(input);
  // Fast path for the common, valid input: core's own checks, then ONE parse of the whole schema. Only when
  // something is wrong are the per-part parses below run to list every problem with a clear path; a valid
  // input passes exactly the same checks either way (the whole schema includes the character's).
  if (!hasUnknownKeys(input) && !assetUriProblem(value)) {
    const parsed = zCharacterPerformanceRequestFast.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data as CharacterPerformanceRequest };
  }
  const issues: ValidationIssue[] = [
    ...unknownKeys(input, characterPerformanceRequestProperties, ''),
    ...unknownKeys(
      input.character,
      characterPropertiesByType[String((input.character as Loose | undefined)?.type)] ??
        characterImageProperties,
      'character',
    ),
    ...unknownKeys(input.reference, referenceVideoProperties, 'reference'),
    ...unknownKeys(input.contentModeration, contentModerationProperties, 'contentModeration'),
    ...ruleIssues(value),
  ];
  issues.push(...schemaIssues(value, issues));
  if (issues.length > 0) return { ok: false, issues };
  // Parse once more as a whole so the value is exactly what the schema produces (defaults applied).
  const parsed = zCharacterPerformanceRequest.safeParse(value);
  if (!parsed.success) return { ok: false, issues: schemaIssues(value, []) };
  return { ok: true, value: parsed.data as CharacterPerformanceRequest };
}
