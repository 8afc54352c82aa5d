/** `recoup report kpis` (and the other analytics commands), in the existing `report` group. */
import type { Command } from 'commander';
import { kpiQuery, kpiReport } from '../app/reports/kpis.js';
import { invalid } from '../domain/errors.js';
import type { Config } from './config.js';
import { organisationContext, withDatabase } from './context.js';

interface KpiOptions {
  from: string;
  to: string;
  currency?: string;
  segment?: string;
  period?: string;
  org?: string;
  json?: boolean;
}

export function registerAnalyticsCommands(program: Command, config: Config, log: (line: string) => void) {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report');
  report
    .command('kpis')
    .description('collection KPIs of a period: DSO, CEI, days to pay, rates (docs/analytics.md)')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the period (YYYY-MM-DD)')
    .option('--currency <code>', 'currency; default the organisation base currency')
    .option('--segment <name>', 'only customers of this segment')
    .option('--period <kind>', 'also break down by month or quarter')
    .option('--org <id>', 'organisation id; default the first one')
    .option('--json', 'print JSON')
    .action((options: KpiOptions) =>
      withDatabase(config, async (database) => {
        const parsed = kpiQuery.safeParse({
          from: options.from,
          to: options.to,
          currency: options.currency,
          segment: options.segment,
          period: options.period,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw invalid(`--${String(issue.path[0] ?? 'from')}`, issue.message);
        }
        const ctx = await organisationContext(database, options.org);
        const result = await kpiReport(ctx, parsed.data);
        log(options.json ? JSON.stringify(result, null, 2) : formatKpis(result));
      }),
    );
}

type Kpis = Awaited<ReturnType<typeof kpiReport>>;

const LABELS: [keyof Kpis, string, string][] = [
  ['dso', 'DSO', 'days'],
  ['dso_countback', 'DSO (count-back)', 'days'],
  ['best_possible_dso', 'Best possible DSO', 'days'],
  ['average_days_delinquent', 'Average days delinquent', 'days'],
  ['cei', 'CEI', '%'],
  ['average_days_to_pay', 'Average days to pay', 'days'],
  ['average_days_to_pay_weighted', 'Average days to pay (weighted)', 'days'],
  ['average_days_late', 'Average days late', 'days'],
  ['percent_paid_late', 'Paid late', '%'],
  ['collection_rate', 'Collection rate', '%'],
  ['write_off_ratio', 'Write-off ratio', '%'],
  ['promise_kept_rate', 'Promise-kept rate', '%'],
  ['dispute_rate', 'Dispute rate', '%'],
];

export function formatKpis(report: Kpis): string {
  const width = Math.max(...LABELS.map(([, label]) => label.length));
  const lines = LABELS.map(([key, label, unit]) => {
    const value = report[key] as number | null;
    return `${label.padEnd(width)}  ${value === null ? '—' : `${value.toFixed(2)} ${unit}`}`;
  });
  return [
    `KPIs ${report.from} to ${report.to} (${report.days} days, ${report.currency}${report.segment ? `, segment ${report.segment}` : ''})`,
    ...lines,
  ].join('\n');
}
