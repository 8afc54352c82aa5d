import { describe, expect, it } from 'vitest';
import { worklistScore, type WorklistFacts } from './score.js';

const base: WorklistFacts = {
  overdue: 1000,
  overdueInvoices: 1,
  selfCure: 0,
  callTasksDue: 0,
  brokenPromises: 0,
  missedInstalments: 0,
  alerts: [],
};

describe('worklist score', () => {
  it.each([
    ['1000 overdue, nothing coming by itself: 1000 × 0.3', {}, 300],
    ['half will come anyway', { selfCure: 0.5 }, 150],
    ['five invoices: effort 2', { overdueInvoices: 5 }, 150],
    ['twenty invoices: effort capped at 3', { overdueInvoices: 20 }, 100],
    ['a call task due', { callTasksDue: 2 }, 450],
    ['a broken promise and a missed instalment', { brokenPromises: 1, missedInstalments: 1 }, 540],
    [
      'two alerts',
      {
        alerts: [
          { code: 'worsening', message: '' },
          { code: 'chronic_lateness', message: '' },
        ],
      },
      450,
    ],
    ['certain to pay by itself', { selfCure: 1 }, 0],
  ] as const)('%s → %d', (_name, change, expected) => {
    expect(worklistScore({ ...base, ...change })).toBe(expected);
  });
});
