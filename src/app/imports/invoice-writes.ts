import { markForReview } from '../collection-review.js';
import { sql, type SQL } from 'drizzle-orm';
import { pgArray, plainArray } from '../../store/sql-values.js';
import type { ValidInvoice } from '../invoices.js';
import { applyTotalsChanges, invoicesAdded, type TotalsChange } from '../ledger/receivable-totals.js';
import { insertingKeys } from './concurrent.js';
import { bulkId } from './ids.js';
import type { ImportRun } from './run.js';

/** The new invoices of one batch, column by column, ready for one unnest insert. */
export class InsertBatch {
  private readonly ids: string[] = [];
  private readonly customerIds: string[] = [];
  private readonly numbers: string[] = [];
  private readonly issueDates: string[] = [];
  private readonly dueDates: string[] = [];
  private readonly currencies: string[] = [];
  private readonly totals: bigint[] = [];
  private readonly terms: (string | null)[] = [];

  get size(): number {
    return this.ids.length;
  }

  add(valid: ValidInvoice): void {
    this.ids.push(bulkId());
    this.customerIds.push(valid.customerId);
    this.numbers.push(valid.number);
    this.issueDates.push(valid.issueDate);
    this.dueDates.push(valid.dueDate);
    this.currencies.push(valid.currency);
    this.totals.push(valid.total);
    this.terms.push(valid.terms ? JSON.stringify(valid.terms) : null);
  }

  private totalsRows() {
    return this.ids.map((_, i) => ({
      currency: this.currencies[i]!,
      dueDate: this.dueDates[i]!,
      issueDate: this.issueDates[i]!,
      total: this.totals[i]!,
    }));
  }

  /** The INSERT with its array literals, built while the database is still busy with the last one. */
  statement(tenantId: string): SQL {
    return sql`INSERT INTO invoices (tenant_id, id, customer_id, number, issue_date, due_date, currency, total, balance, terms)
      SELECT ${tenantId}::uuid, v.id, v.customer_id, v.number, v.issue_date, v.due_date, v.currency,
        v.total, v.total, v.terms
      FROM unnest(${plainArray(this.ids)}::uuid[], ${plainArray(this.customerIds)}::uuid[],
        ${pgArray(this.numbers)}::text[], ${plainArray(this.issueDates)}::date[],
        ${plainArray(this.dueDates)}::date[], ${plainArray(this.currencies)}::text[],
        ${plainArray(this.totals)}::bigint[], ${pgArray(this.terms)}::jsonb[])
        AS v(id, customer_id, number, issue_date, due_date, currency, total, terms)`;
  }

  /** Inserts the invoices and counts them into the receivable totals, as createInvoice does. */
  async insert(run: ImportRun, statement: SQL, totals: TotalsAdded): Promise<void> {
    await insertingKeys('invoice numbers', () => run.tx.execute(statement));
    await markForReview(run.tx, run.ctx.tenantId, this.customerIds);
    await totals.add(run, this.totalsRows());
  }
}

/**
 * The new invoices' share of `receivable_totals`, summed per (currency, due date, issue date)
 * across batches and written when the import ends (or when many cells pile up): one upsert per
 * batch would cost the database a fifth as much again as the invoice inserts.
 */
export class TotalsAdded {
  private readonly cells = new Map<string, TotalsChange>();

  async add(run: ImportRun, rows: { currency: string; dueDate: string; issueDate: string; total: bigint }[]) {
    for (const change of invoicesAdded(rows)) {
      const key = `${change.currency}|${change.dueDate}|${change.issueDate}`;
      const cell = this.cells.get(key);
      if (cell) {
        cell.openCount += change.openCount;
        cell.balance += change.balance;
      } else this.cells.set(key, change);
    }
    if (this.cells.size >= MAX_TOTALS_CELLS) await this.flush(run);
  }

  async flush(run: ImportRun): Promise<void> {
    const changes = [...this.cells.values()];
    this.cells.clear();
    for (let start = 0; start < changes.length; start += TOTALS_CHUNK) {
      await applyTotalsChanges(run.tx, run.ctx.tenantId, changes.slice(start, start + TOTALS_CHUNK));
    }
  }
}

const MAX_TOTALS_CELLS = 50_000;
const TOTALS_CHUNK = 5_000;
