import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateByPolicy, allocateExplicitly, owedTotal, type OpenItem } from './allocate.js';

function item(id: string, dueDate: string, principal: bigint, extra: Partial<OpenItem> = {}): OpenItem {
  return {
    invoiceId: id,
    number: id,
    dueDate,
    issueDate: '2024-01-01',
    owed: { fee: 0n, interest: 0n, principal },
    autoAllocatable: true,
    discountAvailable: 0n,
    ...extra,
  };
}

describe('allocateByPolicy', () => {
  it('pays the oldest due item first and keeps the over-payment unapplied', () => {
    const result = allocateByPolicy([item('B', '2024-03-01', 500n), item('A', '2024-02-01', 300n)], 1000n);
    expect(result.lines).toEqual([
      { invoiceId: 'A', component: 'principal', amount: 300n },
      { invoiceId: 'B', component: 'principal', amount: 500n },
    ]);
    expect(result.unapplied).toBe(200n);
  });

  it('pays fees, then interest, then principal', () => {
    const result = allocateByPolicy(
      [item('A', '2024-02-01', 1000n, { owed: { fee: 40n, interest: 15n, principal: 1000n } })],
      100n,
    );
    expect(result.lines).toEqual([
      { invoiceId: 'A', component: 'fee', amount: 40n },
      { invoiceId: 'A', component: 'interest', amount: 15n },
      { invoiceId: 'A', component: 'principal', amount: 45n },
    ]);
  });

  it('never sends money without instructions to a disputed item', () => {
    const result = allocateByPolicy(
      [item('A', '2024-01-01', 300n, { autoAllocatable: false }), item('B', '2024-02-01', 100n)],
      300n,
    );
    expect(result.lines).toEqual([{ invoiceId: 'B', component: 'principal', amount: 100n }]);
    expect(result.unapplied).toBe(200n);
  });

  it('can pay the newest item first when the organisation says so', () => {
    const result = allocateByPolicy([item('A', '2024-01-01', 300n), item('B', '2024-02-01', 300n)], 300n, {
      itemOrder: 'newest_due_first',
      componentOrder: ['fee', 'interest', 'principal'],
    });
    expect(result.lines[0]?.invoiceId).toBe('B');
  });

  it('settles an item inside its discount window with the discount', () => {
    const result = allocateByPolicy([item('A', '2024-02-01', 10000n, { discountAvailable: 200n })], 9800n);
    expect(result.lines).toEqual([{ invoiceId: 'A', component: 'principal', amount: 9800n }]);
    expect(result.discounts).toEqual([{ invoiceId: 'A', component: 'principal', amount: 200n }]);
    expect(result.unapplied).toBe(0n);
  });

  it('conserves money: allocated + unapplied = paid, and no item is over-paid', () => {
    const itemArb = fc.record({
      due: fc.integer({ min: 1, max: 28 }),
      fee: fc.bigInt({ min: 0n, max: 5000n }),
      interest: fc.bigInt({ min: 0n, max: 5000n }),
      principal: fc.bigInt({ min: 0n, max: 100000n }),
      discount: fc.bigInt({ min: 0n, max: 3000n }),
      auto: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 8 }),
        fc.bigInt({ min: 0n, max: 300000n }),
        (specs, amount) => {
          const items = specs.map((s, i) =>
            item(`I${i}`, `2024-01-${String(s.due).padStart(2, '0')}`, s.principal, {
              owed: { fee: s.fee, interest: s.interest, principal: s.principal },
              discountAvailable: s.discount,
              autoAllocatable: s.auto,
            }),
          );
          const result = allocateByPolicy(items, amount);
          const allocated = result.lines.reduce((sum, l) => sum + l.amount, 0n);
          expect(allocated + result.unapplied).toBe(amount);
          expect(result.unapplied >= 0n).toBe(true);
          for (const it of items) {
            const paid = [...result.lines, ...result.discounts]
              .filter((l) => l.invoiceId === it.invoiceId)
              .reduce((sum, l) => sum + l.amount, 0n);
            expect(paid <= owedTotal(it)).toBe(true);
            if (!it.autoAllocatable) expect(paid).toBe(0n);
          }
        },
      ),
    );
  });
});

describe('allocateExplicitly', () => {
  const items = [item('A', '2024-01-01', 300n), item('B', '2024-02-01', 500n)];

  it('makes exactly the allocations asked for and leaves the rest unapplied', () => {
    const result = allocateExplicitly(items, 1000n, [{ invoiceId: 'B', amount: 200n }]);
    expect(result.lines).toEqual([{ invoiceId: 'B', component: 'principal', amount: 200n }]);
    expect(result.unapplied).toBe(800n);
  });

  it('refuses an allocation above the balance, naming it', () => {
    expect(() => allocateExplicitly(items, 1000n, [{ invoiceId: 'A', amount: 301n }])).toThrow(
      'allocations[0].amount',
    );
  });

  it('refuses allocations above the payment', () => {
    expect(() =>
      allocateExplicitly(items, 400n, [
        { invoiceId: 'A', amount: 300n },
        { invoiceId: 'B', amount: 200n },
      ]),
    ).toThrow('more than the payment');
  });

  it('refuses an unknown invoice', () => {
    expect(() => allocateExplicitly(items, 400n, [{ invoiceId: 'Z', amount: 1n }])).toThrow(
      'allocations[0].invoice_id',
    );
  });

  it('may pay a disputed item when told to', () => {
    const result = allocateExplicitly([item('A', '2024-01-01', 300n, { autoAllocatable: false })], 300n, [
      { invoiceId: 'A', amount: 300n },
    ]);
    expect(result.unapplied).toBe(0n);
  });
});
