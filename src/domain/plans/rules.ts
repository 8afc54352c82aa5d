/**
 * An organisation's limits on the plans it accepts without a person looking at them (the
 * portal offers only plans that fit; staff may agree others). Says which limits a proposal
 * breaks, each with the field at fault, so the portal can tell the debtor why.
 */
import { daysBetween, type CalendarDate } from '../dates.js';
import type { Instalment } from './schedule.js';

export interface PlanLimits {
  maxInstalments: number;
  /** Days from the agreement to the last instalment. */
  maxDurationDays: number;
  /** Smallest instalment in the plan's currency (a down payment too); null: no minimum. */
  minInstalment: bigint | null;
}

export interface RuleProblem {
  code: 'too_many_instalments' | 'too_long' | 'instalment_too_small';
  path: string;
  message: string;
}

export interface PlanProposal {
  agreedOn: CalendarDate;
  instalments: readonly Instalment[];
}

export function checkPlanRules(proposal: PlanProposal, limits: PlanLimits): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const { instalments } = proposal;
  if (instalments.length > limits.maxInstalments)
    problems.push({
      code: 'too_many_instalments',
      path: 'instalments',
      message: `${instalments.length} instalments, at most ${limits.maxInstalments} allowed`,
    });
  const last = instalments.at(-1);
  if (last) {
    const days = daysBetween(proposal.agreedOn, last.dueOn);
    if (days > limits.maxDurationDays)
      problems.push({
        code: 'too_long',
        path: `instalments[${instalments.length - 1}].due_on`,
        message: `the plan runs ${days} days, at most ${limits.maxDurationDays} allowed`,
      });
  }
  const minimum = limits.minInstalment;
  if (minimum !== null)
    instalments.forEach((instalment, index) => {
      if (instalment.amount < minimum)
        problems.push({
          code: 'instalment_too_small',
          path: `instalments[${index}].amount`,
          message: 'is below the smallest instalment allowed',
        });
    });
  return problems;
}
