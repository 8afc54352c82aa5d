/**
 * Segments: named rules over what we know of a customer that pick a strategy. The first
 * segment (by position) whose rule matches wins; a customer no rule matches is in "default".
 */
import { z } from 'zod';

export const segmentRule = z.object({
  kind: z.enum(['business', 'consumer']).optional(),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
  /** At least one of these tags. */
  tags: z.array(z.string().min(1)).optional(),
  currencies: z.array(z.string().regex(/^[A-Z]{3}$/)).optional(),
  /** Paid late at least this many times (invoices paid in full after their due date) ... */
  min_late_payments: z.number().int().min(1).optional(),
  /** ... within this many months before the run date (default 12). */
  late_payment_months: z.number().int().min(1).max(120).default(12),
});
export type SegmentRule = z.infer<typeof segmentRule>;

export const DEFAULT_SEGMENT = 'default';

export interface CustomerFacts {
  kind: 'business' | 'consumer';
  country: string;
  tags: readonly string[];
  currency: string;
  /** Only loaded when a segment asks for it. */
  latePayments?: number;
}

export interface SegmentDefinition {
  id: string;
  name: string;
  rule: SegmentRule;
  strategyId: string;
  challengerStrategyId: string | null;
  challengerPercent: number;
}

export function matchesRule(rule: SegmentRule, facts: CustomerFacts): boolean {
  if (rule.kind && rule.kind !== facts.kind) return false;
  if (rule.countries && !rule.countries.includes(facts.country)) return false;
  if (rule.tags && !rule.tags.some((tag) => facts.tags.includes(tag))) return false;
  if (rule.currencies && !rule.currencies.includes(facts.currency)) return false;
  if (rule.min_late_payments !== undefined && (facts.latePayments ?? 0) < rule.min_late_payments)
    return false;
  return true;
}

/** Segments sorted by position; returns the first that matches, if any. */
export function findSegment(
  segments: readonly SegmentDefinition[],
  facts: CustomerFacts,
): SegmentDefinition | undefined {
  return segments.find((segment) => matchesRule(segment.rule, facts));
}

/**
 * Champion or challenger, stably: a hash of customer and segment puts each customer in one of
 * 100 buckets, so the same customers stay on the challenger from run to run.
 */
export function variantFor(customerId: string, segment: SegmentDefinition): 'champion' | 'challenger' {
  if (!segment.challengerStrategyId || segment.challengerPercent <= 0) return 'champion';
  return bucketOf(`${segment.id}:${customerId}`) < segment.challengerPercent ? 'challenger' : 'champion';
}

/** How many months of payment history the segments need (0: none). */
export function historyMonthsNeeded(segments: readonly SegmentDefinition[]): number {
  return Math.max(
    0,
    ...segments.filter((s) => s.rule.min_late_payments).map((s) => s.rule.late_payment_months),
  );
}

/** FNV-1a: a stable, well-spread 32-bit hash, mapped to a bucket 0–99. */
function bucketOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}
