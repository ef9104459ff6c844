// Walks a package.json `exports` map. TypeScript picks the first matching condition, so `types` must come
// first in every object that also points at JavaScript, and `default` last (anything after it is dead).

export interface ConditionObject {
  /** e.g. ['.', 'import'] */
  path: string[];
  keys: string[];
  value: Record<string, unknown>;
}

export function conditionObjects(exportsField: unknown, at: string[] = []): ConditionObject[] {
  if (exportsField === null || typeof exportsField !== 'object' || Array.isArray(exportsField)) return [];
  const value = exportsField as Record<string, unknown>;
  const own = { path: at, keys: Object.keys(value), value };
  return [own, ...own.keys.flatMap((key) => conditionObjects(value[key], [...at, key]))];
}

/** Every file path the exports map points at (strings at the leaves). */
export function exportTargets(exportsField: unknown): string[] {
  if (typeof exportsField === 'string') return [exportsField];
  if (exportsField === null || typeof exportsField !== 'object') return [];
  return Object.values(exportsField as Record<string, unknown>).flatMap(exportTargets);
}

/** Problems with condition order, described for a test failure message. */
export function conditionOrderProblems(exportsField: unknown): string[] {
  const problems: string[] = [];
  for (const { path, keys, value } of conditionObjects(exportsField)) {
    const isConditions = keys.every((key) => !key.startsWith('.'));
    if (!isConditions || path.length === 0) continue;
    const leadsToJs = keys.some((key) => key !== 'types' && typeof value[key] === 'string');
    if (leadsToJs && !keys.includes('types')) problems.push(`${path.join(' > ')}: no "types" condition`);
    if (keys.includes('types') && keys[0] !== 'types')
      problems.push(`${path.join(' > ')}: "types" is not first (${keys.join(', ')})`);
    if (keys.includes('default') && keys.at(-1) !== 'default')
      problems.push(`${path.join(' > ')}: "default" is not last (${keys.join(', ')})`);
  }
  return problems;
}
