/**
 * An `interest` step charges the late-payment interest each item has accrued through the run's
 * date, less the interest already charged on it, as an interest item on the invoice.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { RecoupError } from '../../domain/errors.js';
import { accruedInterest, defaultClaimRule, type ClaimRuleId } from '../../domain/interest/index.js';
import { actions, charges } from '../../store/schema.js';
import { queryRows, type Db } from '../../store/database.js';
import { toBigInt } from '../../store/sql-values.js';
import { newId, type OrganisationSettings } from '../context.js';
import { loadPrincipalHistory } from '../claims.js';
import { postEntries } from '../ledger/entries.js';
import { moneyView } from '../views.js';
import type { PlannedAction } from './plan.js';

interface InvoiceFacts {
  id: string;
  total: string;
  issue_date: string;
  due_date: string;
  currency: string;
  charged: string | null;
}

export async function chargeInterest(
  tx: Db,
  tenantId: string,
  action: PlannedAction,
  customer: { kind: 'business' | 'consumer'; country: string },
  on: CalendarDate,
  settings: OrganisationSettings,
): Promise<void> {
  const rule =
    (action.payload.rule as ClaimRuleId | null) ?? defaultClaimRule(customer.country, customer.kind);
  const invoices = await queryRows<InvoiceFacts>(
    tx,
    sql`SELECT i.id, i.total::text AS total, i.issue_date::text AS issue_date, i.due_date::text AS due_date, i.currency,
          (SELECT SUM(amount) FROM ledger_entries e WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id
             AND e.kind = 'charge' AND e.component = 'interest')::text AS charged
        FROM invoices i WHERE i.tenant_id = ${tenantId} AND i.id = ANY(${`{${action.invoiceIds.join(',')}}`}::uuid[])
        ORDER BY i.due_date, i.id`,
  );
  const charged: { invoice_id: string; amount: string; currency: string }[] = [];
  const problems: string[] = [];
  for (const invoice of invoices) {
    let accrued: bigint;
    try {
      const history = await loadPrincipalHistory(
        tx,
        tenantId,
        { id: invoice.id, total: toBigInt(invoice.total), issueDate: invoice.issue_date },
        on,
      );
      accrued = accruedInterest({
        rule,
        customerKind: customer.kind,
        customerCountry: customer.country,
        currency: invoice.currency,
        dueDate: invoice.due_date,
        asOf: on,
        history,
        contract: settings.contract_interest,
      });
    } catch (error) {
      if (!(error instanceof RecoupError)) throw error;
      problems.push(`${error.code}: ${error.message}`);
      continue;
    }
    const amount = accrued - toBigInt(invoice.charged);
    if (amount <= 0n) continue;
    const chargeId = newId();
    await tx.insert(charges).values({
      tenantId,
      id: chargeId,
      customerId: action.customerId,
      invoiceId: invoice.id,
      kind: 'interest',
      amount,
      currency: invoice.currency,
      chargedOn: on,
      reason: `late-payment interest (${rule}) through ${on}: step ${action.stepKey} (action ${action.id})`,
    });
    await postEntries(
      tx,
      tenantId,
      [
        {
          customerId: action.customerId,
          currency: invoice.currency,
          kind: 'charge',
          amount,
          effectiveOn: on,
          documentId: chargeId,
          invoiceId: invoice.id,
          component: 'interest',
        },
      ],
      'system:run',
    );
    charged.push({ invoice_id: invoice.id, ...moneyView(amount, invoice.currency) });
  }
  await tx
    .update(actions)
    .set({
      payload: { ...action.payload, fees: charged },
      reasonCode: problems.length ? 'interest_not_charged' : charged.length ? null : 'no_interest_due',
      reason: problems.join('; ') || null,
    })
    .where(and(eq(actions.tenantId, tenantId), eq(actions.id, action.id)));
}
