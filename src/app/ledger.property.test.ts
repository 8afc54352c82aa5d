import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Database } from '../store/database.js';
import { createTestCustomer, createTestOrg, openTestDatabase } from '../../test/support/database.js';
import { parseAmount } from '../domain/money.js';
import { RecoupError } from '../domain/errors.js';
import type { Ctx } from './context.js';
import { getCustomer } from './customers.js';
import { createInvoice, getInvoice } from './invoices.js';
import { applyCredit, recordPayment } from './payments.js';
import { createCreditNote } from './credit-notes.js';
import { addCharge, voidInvoice, writeOff } from './invoice-adjustments.js';
import { verifyLedger } from './ledger/verify.js';

/**
 * Random sequences of ledger operations, some of them refused, never create or lose money:
 * after every sequence, per currency, what customers owe minus what they hold on account equals
 * what was invoiced and charged minus what was paid, credited, written off and voided, counted
 * independently here from the operations that succeeded.
 */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const CURRENCIES = ['EUR', 'JPY', 'KWD'] as const;
const amount = fc.integer({ min: 1, max: 500_000 }).map((minor) => minor);
const op = fc.oneof(
  fc.record({
    kind: fc.constant('invoice' as const),
    cur: fc.nat(2),
    minor: amount,
    due: fc.integer({ min: 1, max: 28 }),
  }),
  fc.record({ kind: fc.constant('charge' as const), inv: fc.nat(20), minor: amount, interest: fc.boolean() }),
  fc.record({
    kind: fc.constant('payment' as const),
    cur: fc.nat(2),
    minor: amount,
    explicit: fc.option(fc.nat(20)),
  }),
  fc.record({ kind: fc.constant('credit' as const), inv: fc.nat(20), minor: amount }),
  fc.record({ kind: fc.constant('writeOff' as const), inv: fc.nat(20), minor: fc.option(amount) }),
  fc.record({ kind: fc.constant('void' as const), inv: fc.nat(20) }),
  fc.record({ kind: fc.constant('applyCredit' as const), inv: fc.nat(20) }),
);

function decimal(minor: number, currency: string): string {
  const digits = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
  const text = String(minor).padStart(digits + 1, '0');
  return digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
}

let run = 0;
describe('ledger property', () => {
  it('no sequence of operations creates or loses money', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        const { ctx } = await createTestOrg(database, { name: `P${++run}` });
        const customer = await createTestCustomer(ctx, { external_id: 'P' });
        const expected = new Map<string, bigint>(CURRENCIES.map((c) => [c, 0n]));
        const add = (currency: string, delta: bigint) =>
          expected.set(currency, expected.get(currency)! + delta);
        const invoices: { id: string; currency: string }[] = [];
        for (const [index, o] of ops.entries()) {
          await attempt(async () => {
            if (o.kind === 'invoice') {
              const currency = CURRENCIES[o.cur]!;
              const inv = await createInvoice(ctx, {
                customer_id: customer.id,
                number: `N${index}`,
                issue_date: '2024-01-01',
                due_date: `2024-02-${String(o.due).padStart(2, '0')}`,
                currency,
                total: decimal(o.minor, currency),
              });
              invoices.push({ id: inv.id, currency });
              add(currency, BigInt(o.minor));
            } else if (o.kind === 'payment') {
              const currency = CURRENCIES[o.cur]!;
              const target =
                o.explicit === null ? undefined : invoices[o.explicit % Math.max(1, invoices.length)];
              await recordPayment(ctx, {
                customer_id: customer.id,
                amount: decimal(o.minor, currency),
                currency,
                received_on: '2024-03-01',
                ...(target && {
                  allocations: [{ invoice_id: target.id, amount: decimal(o.minor, currency) }],
                }),
              });
              add(currency, -BigInt(o.minor));
            } else {
              const target = invoices[o.inv % Math.max(1, invoices.length)];
              if (!target) return;
              if (o.kind === 'charge') {
                await addCharge(ctx, target.id, {
                  kind: o.interest ? 'interest' : 'fee',
                  amount: decimal(o.minor, target.currency),
                  charged_on: '2024-02-20',
                  reason: 'late',
                });
                add(target.currency, BigInt(o.minor));
              } else if (o.kind === 'credit') {
                await createCreditNote(ctx, {
                  invoice_id: target.id,
                  amount: decimal(o.minor, target.currency),
                  reason: 'r',
                });
                add(target.currency, -BigInt(o.minor));
              } else if (o.kind === 'writeOff') {
                const result = await writeOff(ctx, target.id, {
                  reason: 'r',
                  ...(o.minor !== null && { amount: decimal(o.minor, target.currency) }),
                });
                add(target.currency, -parseAmount(result.amount.amount, target.currency));
              } else if (o.kind === 'void') {
                const before = await voidBalance(ctx, target.id);
                await voidInvoice(ctx, target.id, { reason: 'r' });
                add(target.currency, -before);
              } else {
                await applyCredit(ctx, customer.id, { invoice_id: target.id });
              }
            }
          });
        }
        const view = await getCustomer(ctx, customer.id);
        for (const currency of CURRENCIES) {
          const owed = view.balance.find((m) => m.currency === currency);
          const held = view.on_account.find((m) => m.currency === currency);
          const net =
            (owed ? parseAmount(owed.amount, currency) : 0n) -
            (held ? parseAmount(held.amount, currency) : 0n);
          expect(net, currency).toBe(expected.get(currency));
        }
        const check = await verifyLedger(ctx.db, ctx.tenantId);
        expect(check.problems).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

/** Runs an operation; a refusal (RecoupError) is fine, anything else fails the test. */
async function attempt(work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof RecoupError)) throw error;
  }
}

async function voidBalance(ctx: Ctx, invoiceId: string): Promise<bigint> {
  const invoice = await getInvoice(ctx, invoiceId);
  return parseAmount(invoice.balance.amount, invoice.currency);
}
