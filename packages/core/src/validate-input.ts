// Validation before a paid request is sent: fill the spec's defaults, reject unknown fields (a typo such as
// `expresionIntensity` would otherwise be silently dropped and the default used), check the generated zod
// schema, and apply core's asset-URI rules. Every problem is reported, not just the first.
import * as z from 'zod';
import { assetKindOf } from './asset-limits.js';
import { checkAssetUri } from './asset-uri.js';
import type { CharacterPerformanceRequest } from './character-performance-input.js';
import type { ValidationIssue } from './errors.js';
import {
  characterImageProperties,
  characterPerformanceRequestDefaults,
  characterPerformanceRequestProperties,
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

/** The result of `validateCharacterPerformanceInput`. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const characterSchemas = [zCharacterImage, zCharacterVideo];
// Built once: deriving a zod schema per call (and compiling its fast path) was most of a create's CPU.
const zRequestWithoutCharacter = zCharacterPerformanceRequest.omit({ character: true });
const characterTypes = characterSchemas.map((schema) => schema.shape.type.value);
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
      message: `unknown field (known: ${known.join(', ')})`,
    }));
}

/**
 * The input with every undefined field (absent, or `{ seed: undefined }`: "use the default") set to its
 * default. A copy of the input completed key by key rather than `{ ...defaults, ...input }` with the
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
  if (isObject(input.contentModeration)) {
    filled.contentModeration = fill(contentModerationDefaults, input.contentModeration);
  }
  return filled;
}

function zodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix = '',
): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path: prefix ? (path ? `${prefix}.${path}` : prefix) : path, message: issue.message };
  });
}

function checkCharacter(character: unknown): ValidationIssue[] {
  if (!isObject(character)) return [{ path: 'character', message: 'required: { type, uri }' }];
  const schema = characterSchemas.find((s) => s.shape.type.value === character.type);
  if (!schema) {
    return [{ path: 'character.type', message: `must be one of ${characterTypes.join(', ')}` }];
  }
  return zodIssues(schema.safeParse(character).error?.issues ?? [], 'character');
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
 * Validates and completes a create input. Pure and synchronous; no request is made. On success `value` is
 * the full wire body (spec defaults filled in). On failure `issues` lists every bad field with a path like
 * `expressionIntensity` or `character.uri`. The server handler reuses this to validate browser input.
 */
export function validateCharacterPerformanceInput(
  input: unknown,
): ValidationResult<CharacterPerformanceRequest> {
  if (!isObject(input)) {
    return {
      ok: false,
      issues: [{ path: '', message: 'input must be an object { character, reference, … }' }],
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
  ];

  // Asset URIs get core's stricter, clearer checks; zod's messages for those paths are then redundant.
  const uriIssuePaths = new Set<string>();
  for (const field of ['character', 'reference'] as const) {
    const asset = value[field];
    if (!isObject(asset)) continue;
    const problem = checkAssetUri(asset.uri, assetKindOf(field, value));
    if (problem) {
      issues.push({ path: `${field}.uri`, message: problem });
      uriIssuePaths.add(`${field}.uri`);
    }
  }

  const schemaIssues = [
    ...checkCharacter(value.character),
    ...zodIssues(zRequestWithoutCharacter.safeParse(value).error?.issues ?? []),
  ];
  issues.push(...schemaIssues.filter((issue) => !uriIssuePaths.has(issue.path)));
  if (issues.length > 0) return { ok: false, issues };
  // Parse once more as a whole so the value is exactly what the schema produces (defaults applied).
  const parsed = zCharacterPerformanceRequest.safeParse(value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues) };
  return { ok: true, value: parsed.data as CharacterPerformanceRequest };
}
