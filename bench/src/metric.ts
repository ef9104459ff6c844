// One row of the results: what `pnpm bench --json` prints and the table shows. A metric with a target says
// whether it was met; an informational row (absolute numbers, sizes) has `target: null` and `met: null`.

export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** e.g. "<= 1.10" or "< 4096"; null for an informational row. */
  target: string | null;
  met: boolean | null;
  /** How it was measured, the raw numbers behind a ratio: shown in the table, not in the JSON. */
  detail?: string;
}

type Comparison = '<=' | '<' | '>=';

/** A metric checked against a target. */
export function checked(
  name: string,
  value: number,
  unit: string,
  op: Comparison,
  limit: number,
  detail?: string,
): Metric {
  const met = op === '<=' ? value <= limit : op === '<' ? value < limit : value >= limit;
  return { name, value: round(value), unit, target: `${op} ${limit}`, met, detail };
}

/** A number shown for context, with no target. */
export function info(name: string, value: number, unit: string, detail?: string): Metric {
  return { name, value: round(value), unit, target: null, met: null, detail };
}

/** Three significant decimals are plenty for ratios measured on a shared machine. */
const round = (value: number) => Math.round(value * 1000) / 1000;
