import { describe, expect, it } from 'vitest';
import { invoiceStatus, type InvoiceFacts } from './status.js';

const base: InvoiceFacts = {
  balance: 100n,
  paidAmount: 0n,
  writtenOffAmount: 0n,
  voided: false,
  disputeOpen: false,
};

describe('invoiceStatus', () => {
  it.each<[Partial<InvoiceFacts>, string]>([
    [{}, 'open'],
    [{ paidAmount: 10n }, 'partially_paid'],
    [{ balance: 0n, paidAmount: 100n }, 'paid'],
    [{ balance: 0n, paidAmount: 60n, writtenOffAmount: 40n }, 'written_off'],
    [{ disputeOpen: true, paidAmount: 10n }, 'disputed'],
    [{ voided: true, disputeOpen: true }, 'void'],
    [{ balance: 0n }, 'paid'],
  ])('%o is %s', (facts, status) => {
    expect(invoiceStatus({ ...base, ...facts })).toBe(status);
  });
});
