/**
 * Roll rates: of the balance in an aging bucket at one month end, the share found one bucket
 * further (or more) at the next month end, still unpaid. Measured per item (a cohort), so money
 * paid or new invoices in between do not blur it. Ratios in percent.
 */
import { bucketIndex, daysPastDue, type AgingBucket } from '../aging.js';
import type { CalendarDate } from '../dates.js';
import { percent } from './round.js';

export interface ItemBalances {
  dueDate: CalendarDate;
  /** Balance at the start (previous month end) and at the end of the step, in one unit. */
  before: number;
  after: number;
}

export interface RollRate {
  from_bucket: string;
  to_bucket: string;
  opening: number;
  rolled: number;
  /** rolled ÷ opening × 100; null when the bucket was empty. */
  rate: number | null;
}

export function rollRates(
  buckets: readonly AgingBucket[],
  items: readonly ItemBalances[],
  start: CalendarDate,
  end: CalendarDate,
): RollRate[] {
  const opening = buckets.map(() => 0);
  const rolled = buckets.map(() => 0);
  for (const item of items) {
    if (item.before <= 0) continue;
    const from = bucketIndex(buckets, daysPastDue(item.dueDate, start));
    opening[from]! += item.before;
    if (item.after <= 0) continue;
    const to = bucketIndex(buckets, daysPastDue(item.dueDate, end));
    if (to > from) rolled[from]! += Math.min(item.after, item.before);
  }
  return buckets.slice(0, -1).map((bucket, index) => ({
    from_bucket: bucket.label,
    to_bucket: buckets[index + 1]!.label,
    opening: opening[index]!,
    rolled: rolled[index]!,
    rate: percent(rolled[index]!, opening[index]!),
  }));
}
