import type { AllocationResult } from '../../domain/ledger/allocate.js';
import type { NewEntry, SourceKind } from './entries.js';

/** Turns an allocation result into entries: money moved, and discounts taken. */
export function allocationEntries(
  result: AllocationResult,
  source: Omit<NewEntry, 'kind' | 'amount'> & { sourceKind: SourceKind; sourceId: string },
): NewEntry[] {
  return [
    ...result.lines.map((line) => ({
      ...source,
      kind: 'allocation' as const,
      amount: line.amount,
      invoiceId: line.invoiceId,
      component: line.component,
    })),
    ...result.discounts.map((line) => ({
      customerId: source.customerId,
      currency: source.currency,
      effectiveOn: source.effectiveOn,
      documentId: source.documentId,
      kind: 'discount' as const,
      amount: line.amount,
      invoiceId: line.invoiceId,
      component: line.component,
    })),
  ];
}
