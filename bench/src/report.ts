// Prints the results: a table for people, one JSON line for machines, and bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import type { Metric } from './metric.js';

const formatValue = (m: Metric) =>
  `${m.value.toLocaleString('en-US', { maximumFractionDigits: m.unit === 'x' ? 3 : 1 })} ${m.unit}`;
const verdict = (m: Metric) => (m.met === null ? '' : m.met ? 'met' : 'MISSED');

/** A Markdown table (readable as plain text too). */
export function table(metrics: Metric[]): string {
  const rows = metrics.map((m) => [m.name, formatValue(m), m.target ?? '', verdict(m), m.detail ?? '']);
  const header = ['metric', 'value', 'target', '', 'how / raw numbers'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The `--json` output: one object, names, values, units, targets and verdicts only. */
export function json(metrics: Metric[]): string {
  return JSON.stringify({
    metrics: metrics.map(({ name, value, unit, target, met }) => ({ name, value, unit, target, met })),
  });
}

export function machine(): string {
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  return `${nproc} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}`;
}

export function resultsMarkdown(metrics: Metric[], runtimeS: number, notes: string[]): string {
  return `# Benchmark results

Measured by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine()}. Total run ${runtimeS.toFixed(0)} s.
Everything runs on 127.0.0.1 against \`@actkit/emulator\`; ratios compare clients measured side by side in
the same run (absolute numbers on a shared machine are noise). Regenerate with \`pnpm bench\`.

${table(metrics)}

${notes.map((n) => `- ${n}`).join('\n')}
`;
}
