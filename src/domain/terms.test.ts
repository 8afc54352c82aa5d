import { describe, expect, it } from 'vitest';
import { dueDateFromTerms, earlyPaymentDiscount, impliedAnnualCostPercent } from './terms.js';

describe('payment terms', () => {
  it('computes net and end-of-month due dates', () => {
    expect(dueDateFromTerms('2024-01-15', { netDays: 30 })).toBe('2024-02-14');
    expect(dueDateFromTerms('2024-01-15', { netDays: 30, endOfMonth: true })).toBe('2024-03-01');
  });

  it('gives 2/10 net 30 on the 10th day and not on the 11th', () => {
    const terms = { discountPercent: '2', discountDays: 10, netDays: 30 };
    expect(earlyPaymentDiscount(10000n, '2024-01-01', terms, '2024-01-11')).toBe(200n);
    expect(earlyPaymentDiscount(10000n, '2024-01-01', terms, '2024-01-12')).toBe(0n);
    expect(
      earlyPaymentDiscount(12345n, '2024-01-01', { discountPercent: '1.5', discountDays: 10 }, '2024-01-02'),
    ).toBe(185n);
  });

  it('prices not taking the discount: 2/10 net 30 costs 37.24 % a year', () => {
    expect(impliedAnnualCostPercent(2, 10, 30).toFixed(2)).toBe('37.24');
  });
});
