import { describe, expect, it } from 'vitest';
import { agingBuckets, bucketIndex, daysPastDue, edgesProblem } from './aging.js';

describe('aging', () => {
  it('counts days past due from the due date, 0 until due', () => {
    expect(daysPastDue('2024-03-01', '2024-02-15')).toBe(0);
    expect(daysPastDue('2024-03-01', '2024-03-01')).toBe(0);
    expect(daysPastDue('2024-03-01', '2024-03-31')).toBe(30);
  });

  it('builds the standard buckets', () => {
    const buckets = agingBuckets();
    expect(buckets.map((b) => b.label)).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '120+']);
    expect(buckets[5]).toEqual({ label: '120+', fromDays: 121, toDays: null });
  });

  it.each([
    [0, 0],
    [1, 1],
    [30, 1],
    [31, 2],
    [120, 4],
    [121, 5],
    [4000, 5],
  ])('%i days past due falls in bucket %i', (dpd, index) => {
    expect(bucketIndex(agingBuckets(), dpd)).toBe(index);
  });

  it('checks custom edges', () => {
    expect(edgesProblem([15, 45])).toBeNull();
    expect(edgesProblem([45, 15])).toMatch(/increase/);
    expect(edgesProblem([0])).toMatch(/above 0/);
  });
});
