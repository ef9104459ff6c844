// Validates what a browser sent before anything goes upstream: keys that could pollute prototypes, fields
// the contract does not know, then core's own validation (types, ranges, defaults, asset-URI rules).
import type { CharacterPerformanceRequest } from '../character-performance-input.js';
import type { ValidationIssue } from '../errors.js';
import { fieldMessages } from '../field-messages.js';
import { characterPerformanceInputProperties } from '../generated/actkit-server/defaults.gen.js';
import { validateCharacterPerformanceInput } from '../index.js';
import type { ValidationResult } from '../validate-input.js';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Every `__proto__`/`constructor`/`prototype` key, at any depth. */
function forbiddenKeyIssues(value: unknown, path: string[] = [], depth = 0): ValidationIssue[] {
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(value)) {
    const keyPath = [...path, key];
    if (forbiddenKeys.has(key))
      issues.push({ path: keyPath.join('.'), message: fieldMessages.forbiddenKey() });
    else issues.push(...forbiddenKeyIssues((value as Record<string, unknown>)[key], keyPath, depth + 1));
  }
  return issues;
}

/** Top-level fields the browser contract does not allow (the contract may be narrower than the provider). */
function unknownContractFields(value: unknown): ValidationIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const known: readonly string[] = characterPerformanceInputProperties;
  return Object.keys(value)
    .filter((key) => !known.includes(key) && !forbiddenKeys.has(key))
    .map((key) => ({ path: key, message: fieldMessages.unknownField(known) }));
}

/** `forbidden`: the body holds a forbidden key; nothing else was checked, and nothing else may read it. */
export type BrowserInputResult =
  | Extract<ValidationResult<CharacterPerformanceRequest>, { ok: true }>
  | (Extract<ValidationResult<CharacterPerformanceRequest>, { ok: false }> & { forbidden?: true });

/** Validates a parsed request body; on success `value` is the full provider body (defaults filled in). */
export function validateBrowserInput(body: unknown): BrowserInputResult {
  const forbidden = forbiddenKeyIssues(body);
  // Core never sees a body with forbidden keys: nothing downstream has to be pollution-proof.
  if (forbidden.length > 0) return { ok: false, issues: forbidden, forbidden: true };
  const contractIssues = unknownContractFields(body);
  const core = validateCharacterPerformanceInput(body);
  if (core.ok && contractIssues.length === 0) return core;
  // A field the contract does not know is reported once, in the contract's words (core may know it too).
  const unknownPaths = new Set(contractIssues.map((issue) => issue.path));
  const coreIssues = core.ok ? [] : core.issues.filter((issue) => !unknownPaths.has(issue.path));
  return { ok: false, issues: [...contractIssues, ...coreIssues] };
}
