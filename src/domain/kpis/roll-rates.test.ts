import { describe, expect, it } from 'vitest';
import { agingBuckets } from '../aging.js';
import { rollRates } from './roll-rates.js';

describe('roll rates', () => {
  const buckets = agingBuckets();

  it('follows each item from one month end to the next', () => {
    // On 31 Jan: A is current (due 15 Feb), B is 1-30 (due 20 Jan), C is 31-60 (due 15 Dec).
    // On 29 Feb: A is 14 days late (rolled, unpaid 100), B is 40 days (rolled, half paid),
    // C was paid.
    const rates = rollRates(
      buckets,
      [
        { dueDate: '2024-02-15', before: 100, after: 100 },
        { dueDate: '2024-01-20', before: 200, after: 100 },
        { dueDate: '2023-12-15', before: 400, after: 0 },
        { dueDate: '2024-03-15', before: 300, after: 300 }, // still current: stays
      ],
      '2024-01-31',
      '2024-02-29',
    );
    expect(rates.slice(0, 3)).toEqual([
      { from_bucket: 'current', to_bucket: '1-30', opening: 400, rolled: 100, rate: 25 },
      { from_bucket: '1-30', to_bucket: '31-60', opening: 200, rolled: 100, rate: 50 },
      { from_bucket: '31-60', to_bucket: '61-90', opening: 400, rolled: 0, rate: 0 },
    ]);
    expect(rates[3]!.rate).toBeNull();
    expect(rates).toHaveLength(5);
  });
});
