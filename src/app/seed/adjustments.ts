import { addDays, daysBetween, type CalendarDate } from '../../domain/dates.js';
import { minorFromEuros } from './amounts.js';
import type { SimInvoice } from './history.js';
import type { Random } from './random.js';

export interface SimCharge {
  invoice: SimInvoice;
  amount: bigint;
  chargedOn: CalendarDate;
  reason: string;
}

export interface SimWriteOff {
  invoice: SimInvoice;
  amount: bigint;
  writtenOffOn: CalendarDate;
  reason: string;
}

/**
 * What a credit controller did about a customer's old open items: wrote off small leftovers
 * (bank charges, short payments) and a few small debts of customers who stopped paying, and
 * charged late-payment compensation on some overdue invoices. Updates `owed`.
 */
export function adjust(
  rng: Random,
  invoices: readonly SimInvoice[],
  today: CalendarDate,
): { charges: SimCharge[]; writeOffs: SimWriteOff[] } {
  const charges: SimCharge[] = [];
  const writeOffs: SimWriteOff[] = [];
  for (const invoice of invoices) {
    if (invoice.owed <= 0n) continue;
    const overdue = daysBetween(invoice.dueDate, today);
    const writeOff = writeOffReason(rng, invoice, overdue);
    if (writeOff) {
      const on = addDays(laterOf(invoice.lastActivity, invoice.dueDate), rng.int(120, 200));
      if (on <= today) {
        writeOffs.push({ invoice, amount: invoice.owed, writtenOffOn: on, reason: writeOff });
        invoice.owed = 0n;
        continue;
      }
    }
    const business = invoice.customer.row.kind === 'business';
    // Charged after the last payment, so no earlier payment should have paid it first.
    const chargedOn = laterOf(addDays(invoice.dueDate, 31), addDays(invoice.lastActivity, 1));
    if (chargedOn <= today && rng.chance(business ? 0.3 : 0.08)) {
      const fee = lateFee(invoice, business);
      invoice.owed += fee.amount;
      charges.push({ invoice, chargedOn, ...fee });
    }
  }
  return { charges, writeOffs };
}

function writeOffReason(rng: Random, invoice: SimInvoice, overdue: number): string | null {
  const small = minorFromEuros(30, invoice.currency);
  if (overdue > 150 && (invoice.owed <= small || invoice.owed * 50n <= invoice.total) && rng.chance(0.6)) {
    return 'Small balance written off';
  }
  if (
    invoice.customer.profile === 'non_payer' &&
    overdue > 300 &&
    invoice.owed === invoice.total &&
    invoice.total <= minorFromEuros(250, invoice.currency) &&
    rng.chance(0.6)
  ) {
    return 'Uncollectable: customer ceased trading';
  }
  return null;
}

/**
 * Business debtors: the fixed compensation the late-payment laws allow (UK 1998 Act: £40/£70/£100
 * by debt size; EU Directive 2011/7/EU: €40), a flat fee elsewhere. Consumers: a small late fee.
 */
function lateFee(invoice: SimInvoice, business: boolean): { amount: bigint; reason: string } {
  const currency = invoice.currency;
  if (!business) return { amount: minorFromEuros(10, currency, true), reason: 'Late payment fee' };
  if (currency === 'GBP') {
    const pounds = invoice.total < 100_000n ? 40 : invoice.total < 1_000_000n ? 70 : 100;
    return {
      amount: BigInt(pounds * 100),
      reason: 'Fixed compensation, Late Payment of Commercial Debts (Interest) Act 1998',
    };
  }
  if (currency === 'EUR') return { amount: 4000n, reason: 'Fixed compensation, Directive 2011/7/EU' };
  return { amount: minorFromEuros(40, currency, true), reason: 'Late payment fee' };
}

function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}
