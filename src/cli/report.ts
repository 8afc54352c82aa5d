import type { agingReport } from '../app/reports/aging.js';

type Aging = Awaited<ReturnType<typeof agingReport>>;

/** The aging report as a plain-text table for the terminal. */
export function formatAgingTable(report: Aging): string {
  const rows = report.buckets.map((b) => [b.label, String(b.count), b.amount.amount]);
  rows.push(['total', String(report.count), report.total.amount]);
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => r[i]!.length), ['bucket', 'items', 'amount'][i]!.length),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    `Aging as of ${report.as_of} (${report.currency}, by days past due)`,
    line(['bucket', 'items', 'amount']),
    ...rows.slice(0, -1).map(line),
    '-'.repeat(widths.reduce((a, b) => a + b + 2, -2)),
    line(rows.at(-1)!),
  ].join('\n');
}
