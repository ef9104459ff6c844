// What each field of a create input accepts, read once from the generated zod schemas (so from the spec):
// the bounds of every number, the values of every enum and literal, the keys of every object. The message
// table (field-messages.ts) turns a rule and the value that broke it into words; nothing here is typed in
// by hand, so a spec change (a new ratio, a wider range) reaches every message through `pnpm generate`.
import type * as z from 'zod';
import { zCharacterPerformanceRequest, zImageUri, zVideoUri } from './generated/cometapi-runway/zod.gen.js';

/** The spec's asset URI schemas (an https URL or a base64 data: URI of that kind). */
const assetUriSchemas: ReadonlySet<unknown> = new Set([zImageUri, zVideoUri]);

/**
 * One field's rule. `integer`/`number`: inclusive bounds from the spec's `minimum`/`maximum`; `oneOf`: the
 * spec's enum or const values; `object`: the keys the spec knows; `assetUri`: the spec's ImageUri/VideoUri (an https
 * URL or a base64 data: URI, checked in detail by `checkAssetUri`); `boolean`: true or false.
 */
export type FieldRule =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'object'; keys: readonly string[] }
  | { kind: 'assetUri' };

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  options?: readonly AnySchema[];
  left?: AnySchema;
  right?: AnySchema;
  values?: readonly unknown[];
}
const defOf = (schema: AnySchema) => (schema as unknown as { def: Def }).def;

/** The schema under `.default()`, `.optional()` and `.nullable()` wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let def = defOf(current); def.innerType; def = defOf(current)) current = def.innerType;
  return current;
}

/** Every object shape a schema may take: one for an object, the merge of both sides of an intersection, one
 * per branch of a union (the character is an image OR a video). */
function objectShapes(schema: AnySchema): Record<string, AnySchema>[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object') return [(inner as z.ZodObject).shape];
  if (def.type === 'intersection' && def.left && def.right) {
    const [left = {}] = objectShapes(def.left);
    const [right = {}] = objectShapes(def.right);
    return [{ ...left, ...right }];
  }
  if (def.type === 'union' && !assetUriSchemas.has(inner)) return (def.options ?? []).flatMap(objectShapes);
  return [];
}

function leafRule(schema: AnySchema): FieldRule | undefined {
  const inner = unwrap(schema);
  if (assetUriSchemas.has(inner)) return { kind: 'assetUri' };
  const def = defOf(inner);
  switch (def.type) {
    case 'number': {
      const number = inner as z.ZodNumber;
      const min = number.minValue ?? Number.NEGATIVE_INFINITY;
      const max = number.maxValue ?? Number.POSITIVE_INFINITY;
      return number.isInt ? { kind: 'integer', min, max } : { kind: 'number', min, max };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'oneOf', values: (inner as z.ZodEnum).options.map(String) };
    case 'literal':
      return { kind: 'oneOf', values: (def.values ?? []).map(String) };
    default:
      return undefined;
  }
}

/** Adds the rules of `schema` at `path` and below; branches of a union merge (enum values are joined). */
function collect(schema: AnySchema, path: string, into: Map<string, FieldRule>): void {
  const shapes = objectShapes(schema);
  if (shapes.length === 0) {
    const rule = leafRule(schema);
    const known = into.get(path);
    if (rule?.kind === 'oneOf' && known?.kind === 'oneOf') {
      into.set(path, { kind: 'oneOf', values: [...new Set([...known.values, ...rule.values])] });
    } else if (rule && !known) into.set(path, rule);
    return;
  }
  if (path) {
    const keys = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
    into.set(path, { kind: 'object', keys });
  }
  for (const shape of shapes) {
    for (const [key, child] of Object.entries(shape)) collect(child, path ? `${path}.${key}` : key, into);
  }
}

function rulesOf(schema: AnySchema): ReadonlyMap<string, FieldRule> {
  const rules = new Map<string, FieldRule>();
  collect(schema, '', rules);
  return rules;
}

/**
 * The rule of every field of the create body by dotted path (`seed`, `character.uri`,
 * `contentModeration.publicFigureThreshold`, …), in the spec's order, from the generated schema.
 */
export const characterPerformanceFieldRules: ReadonlyMap<string, FieldRule> = rulesOf(
  zCharacterPerformanceRequest,
);

/** The rule of `path`, or of the nearest field above it that has one (`character.uri.x` → `character.uri`). */
export function fieldRuleOf(path: string): { path: string; rule: FieldRule } | undefined {
  for (let current = path; current; current = current.slice(0, Math.max(0, current.lastIndexOf('.')))) {
    const rule = characterPerformanceFieldRules.get(current);
    if (rule) return { path: current, rule };
  }
  return undefined;
}
