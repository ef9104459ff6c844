import type * as z from 'zod';
import {
  characterImageProperties,
  characterPerformanceRequestDefaults,
  characterPerformanceRequestProperties,
  characterPerformanceRequestRequired,
  contentModerationProperties,
  referenceVideoProperties,
} from '../../core/src/generated/cometapi-runway/defaults.gen.js';
import {
  zCharacterPerformanceRequest,
  zRunwayVersion,
} from '../../core/src/generated/cometapi-runway/zod.gen.js';
import type { CharacterPerformanceRequest } from './types.js';
import { checkDataUriAssets } from './validate-assets.js';

export interface ValidationFailure {
  ok: false;
  /** The field path, e.g. 'expressionIntensity' or 'character.uri'; 'body' when the JSON itself is broken. */
  param: string;
  message: string;
}
export type ValidationResult = { ok: true; body: CharacterPerformanceRequest } | ValidationFailure;

const fail = (param: string, message: string): ValidationFailure => ({ ok: false, param, message });

/** The header check the provider makes on create. */
export function validateVersionHeader(value: string | string[] | undefined): ValidationFailure | undefined {
  if (value === undefined || value === '')
    return fail('X-Runway-Version', 'X-Runway-Version: header is required');
  const parsed = zRunwayVersion.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) return fail('X-Runway-Version', 'X-Runway-Version: must be a date like 2024-11-06');
  return undefined;
}

/**
 * The fields Runway's own create (`POST /v1/character_performance`) requires: the official SDK's
 * `CharacterPerformanceCreateParams` (@runwayml/sdk 4.20.1) marks only these three; `bodyControl`,
 * `expressionIntensity`, `seed`, `ratio` and `contentModeration` are optional there.
 */
export const runwayRequired = ['character', 'reference', 'model'] as const;

/** Which API a create came through: CometAPI's `/runwayml/v1` routes or Runway's native `/v1` ones. */
export type CreateApi = 'comet' | 'native';

/** Runway picks a random seed when none is sent (its SDK's doc of `seed`); the spec's range, 0..2^32-1. */
const randomSeed = () => Math.floor(Math.random() * 2 ** 32);

/**
 * On Runway's routes, what Runway fills in for an optional field left out: a random seed, the spec's
 * defaults for the others (the values CometAPI's page documents).
 */
function withRunwayDefaults(json: Record<string, unknown>): Record<string, unknown> {
  // The spec gives `seed` no default (the seed page's `1` is CometAPI's playground fill-in).
  return { ...characterPerformanceRequestDefaults, seed: randomSeed(), ...json };
}

/**
 * Validates a create body against the generated schemas. Zod objects strip unknown keys, but the spec says
 * `additionalProperties: false`, so unknown keys are checked here against the generated property lists.
 * Required fields follow the API the request came through: on CometAPI's routes the spec's list (the seed
 * page marks all eight required even where they have defaults); on Runway's native routes only
 * `runwayRequired`, the rest filled in as Runway does (`withRunwayDefaults`).
 */
export function validateCreateBody(text: string, api: CreateApi = 'comet'): ValidationResult {
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(text);
  } catch (error) {
    return fail('body', `body: invalid JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsedJson)) return fail('body', 'body: must be a JSON object');
  let json = parsedJson;

  const unknown = unknownKey(json, characterPerformanceRequestProperties, '');
  if (unknown) return unknown;
  const required = api === 'native' ? runwayRequired : characterPerformanceRequestRequired;
  for (const field of required) {
    if (!(field in json)) return fail(field, `${field}: required field is missing`);
  }
  if (api === 'native') json = withRunwayDefaults(json);
  const character = json.character;
  if (isRecord(character)) {
    // Both character variants know the same keys, so one list serves image and video.
    const bad = unknownKey(character, characterImageProperties, 'character.');
    if (bad) return bad;
  }
  const nested = [
    [json.reference, referenceVideoProperties, 'reference.'],
    [json.contentModeration, contentModerationProperties, 'contentModeration.'],
  ] as const;
  for (const [value, allowed, prefix] of nested) {
    if (isRecord(value)) {
      const bad = unknownKey(value, allowed, prefix);
      if (bad) return bad;
    }
  }

  const parsed = zCharacterPerformanceRequest.safeParse(json);
  if (parsed.success) return checkDataUriAssets(parsed.data) ?? { ok: true, body: parsed.data };
  const issue = deepestIssue(parsed.error.issues);
  const param = issue.path.map(String).join('.') || 'body';
  return fail(param, `${param}: ${issue.message}`);
}

function unknownKey(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
): ValidationFailure | undefined {
  const key = Object.keys(value).find((k) => !allowed.includes(k));
  if (key === undefined) return undefined;
  return fail(`${prefix}${key}`, `${prefix}${key}: unknown field (allowed: ${allowed.join(', ')})`);
}

/**
 * A union failure ("Invalid input" on `character`) hides the useful reason inside its branches; pick the
 * branch issue with the longest path so the message names `character.uri` rather than just `character`.
 */
function deepestIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0]!;
  for (const issue of issues) {
    const candidate = issue.code === 'invalid_union' ? unionIssue(issue) : issue;
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

function unionIssue(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue {
  let best: z.core.$ZodIssue = issue;
  const expectedTypes: string[] = [];
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const full = { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue;
      const resolved = full.code === 'invalid_union' ? unionIssue(full) : full;
      // A branch that only complains about the discriminator (`type`) is the wrong branch; prefer real reasons.
      if (resolved.code === 'invalid_value' && resolved.path[resolved.path.length - 1] === 'type') {
        expectedTypes.push(...resolved.values.map(String));
      } else if (resolved.path.length > best.path.length) {
        best = resolved;
      }
    }
  }
  if (best !== issue) return best;
  if (expectedTypes.length > 0) {
    const message = `must be one of: ${[...new Set(expectedTypes)].join(', ')}`;
    return { ...issue, path: [...issue.path, 'type'], message };
  }
  if (issue.path[issue.path.length - 1] === 'uri') {
    return { ...issue, message: 'must be an https:// URL with a DNS host name or a base64 data: URI' };
  }
  return issue;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
