/**
 * Early-warning alerts on a customer's payment behaviour, each with a message that says why.
 *
 * - `chronic_lateness`: of the last 6 paid invoices (at least 4 of them), 75 % or more were
 *   paid more than 7 days late.
 * - `worsening`: over the last 6 paid invoices (at least 4), days late rose by 3 days or more
 *   per invoice (least-squares slope), and the latest was paid 10 days late or more, so a
 *   customer going from 0 to 2 days late does not ring.
 */
import type { Behaviour } from './behaviour.js';

export type AlertKind = 'chronic_lateness' | 'worsening';

export interface Alert {
  code: AlertKind;
  message: string;
}

export const ALERT_RULES = {
  minInvoices: 4,
  chronicDaysLate: 7,
  chronicShare: 0.75,
  worseningSlope: 3,
  worseningLatest: 10,
} as const;

export function behaviourAlerts(behaviour: Behaviour, rules = ALERT_RULES): Alert[] {
  const recent = behaviour.recent_days_late;
  if (recent.length < rules.minInvoices) return [];
  const alerts: Alert[] = [];
  const late = recent.filter((d) => d > rules.chronicDaysLate).length;
  if (late / recent.length >= rules.chronicShare) {
    const average = recent.reduce((s, d) => s + d, 0) / recent.length;
    alerts.push({
      code: 'chronic_lateness',
      message:
        `paid ${late} of the last ${recent.length} invoices more than ${rules.chronicDaysLate} days late ` +
        `(average ${average.toFixed(1)} days late; alert at ${rules.chronicShare * 100} % or more)`,
    });
  }
  const trend = behaviour.trend_days_per_invoice ?? 0;
  const latest = recent.at(-1)!;
  if (trend >= rules.worseningSlope && latest >= rules.worseningLatest)
    alerts.push({
      code: 'worsening',
      message:
        `days late rising by ${trend.toFixed(1)} a invoice over the last ${recent.length} ` +
        `(${recent.join(', ')}); the latest was ${latest} days late`,
    });
  return alerts;
}
