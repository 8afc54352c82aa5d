/**
 * The worklist score: what a collector's call is expected to bring in, per unit of effort,
 * boosted by what makes a call due today. Pure; the numbers and why they are what they are:
 *
 * - expected recovery = overdue balance × lift, where lift = CONTACT_EFFECT × (1 − p) and p is
 *   the predicted probability that the overdue money comes in within 30 days anyway (the delay
 *   model, balance-weighted). Money that will come by itself gains little from a call.
 * - CONTACT_EFFECT (0.3): the share of money that would not have come by itself which a
 *   contact brings in; a prior, to be replaced by the organisation's measured cure rates
 *   (strategy outcomes) when there are enough of them.
 * - effort = 1 + 0.25 per further overdue invoice, at most 3: a longer conversation.
 * - boost × (1 + 0.5 call task due + 0.5 promise broken + 0.3 instalment missed + 0.25 per alert).
 */
import type { Alert } from '../../domain/behaviour/alerts.js';

export const CONTACT_EFFECT = 0.3;

export interface WorklistFacts {
  /** Overdue balance in major units of the base currency (currency-scale.ts converts the others). */
  overdue: number;
  overdueInvoices: number;
  /** Balance-weighted probability that the overdue money arrives within 30 days unprompted. */
  selfCure: number;
  callTasksDue: number;
  brokenPromises: number;
  missedInstalments: number;
  alerts: readonly Alert[];
}

export function worklistScore(facts: WorklistFacts): number {
  const lift = CONTACT_EFFECT * (1 - facts.selfCure);
  const effort = Math.min(3, 1 + 0.25 * Math.max(0, facts.overdueInvoices - 1));
  const boost =
    1 +
    (facts.callTasksDue > 0 ? 0.5 : 0) +
    (facts.brokenPromises > 0 ? 0.5 : 0) +
    (facts.missedInstalments > 0 ? 0.3 : 0) +
    0.25 * facts.alerts.length;
  return Math.round(((facts.overdue * lift) / effort) * boost * 100) / 100;
}
