import { daysBetween, type CalendarDate } from './dates.js';

/** Days past due: calendar days from the due date to `asOf`; 0 until the item is due. */
export function daysPastDue(dueDate: CalendarDate, asOf: CalendarDate): number {
  return Math.max(0, daysBetween(dueDate, asOf));
}

export interface AgingBucket {
  label: string;
  /** Inclusive bounds in days past due; `toDays` null for the open-ended last bucket. */
  fromDays: number;
  toDays: number | null;
}

export const DEFAULT_EDGES = [30, 60, 90, 120] as const;

/**
 * Builds buckets from upper edges: [30, 60, 90, 120] gives current, 1-30, 31-60, 61-90,
 * 91-120 and 120+. The basis is days past due, not days since the invoice date.
 */
export function agingBuckets(edges: readonly number[] = DEFAULT_EDGES): AgingBucket[] {
  const buckets: AgingBucket[] = [{ label: 'current', fromDays: 0, toDays: 0 }];
  let from = 1;
  for (const edge of edges) {
    buckets.push({ label: `${from}-${edge}`, fromDays: from, toDays: edge });
    from = edge + 1;
  }
  buckets.push({ label: `${from - 1}+`, fromDays: from, toDays: null });
  return buckets;
}

/** Checks bucket edges from user input: positive, whole and strictly increasing. */
export function edgesProblem(edges: readonly number[]): string | null {
  if (edges.length === 0) return 'give at least one edge';
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i]!;
    if (!Number.isInteger(edge) || edge < 1) return `edge ${edge} is not a whole number of days above 0`;
    if (i > 0 && edge <= edges[i - 1]!) return 'edges must increase';
  }
  return null;
}

export function bucketIndex(buckets: readonly AgingBucket[], dpd: number): number {
  const index = buckets.findIndex((b) => dpd >= b.fromDays && (b.toDays === null || dpd <= b.toDays));
  return index;
}
