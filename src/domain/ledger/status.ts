/** What the ledger knows about an invoice, from which its status is derived (never stored). */
export interface InvoiceFacts {
  balance: bigint;
  /** Money from payments allocated to it (credit notes do not count as money received). */
  paidAmount: bigint;
  writtenOffAmount: bigint;
  voided: boolean;
  disputeOpen: boolean;
}

export type InvoiceStatus = 'open' | 'partially_paid' | 'paid' | 'written_off' | 'disputed' | 'void';

export function invoiceStatus(facts: InvoiceFacts): InvoiceStatus {
  if (facts.voided) return 'void';
  if (facts.disputeOpen) return 'disputed';
  if (facts.balance <= 0n) return facts.writtenOffAmount > 0n ? 'written_off' : 'paid';
  if (facts.paidAmount > 0n) return 'partially_paid';
  return 'open';
}
