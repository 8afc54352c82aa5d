/**
 * Checks a plan request against the ledger and turns it into a schedule. Every refusal names
 * the field at fault and happens before anything is written.
 */
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/dates.js';
import { RecoupError, invalid } from '../../domain/errors.js';
import { formatAmount, parseAmount, parsePositiveAmount } from '../../domain/money.js';
import { buildSchedule, type Instalment } from '../../domain/plans/index.js';
import { queryRows, type Db } from '../../store/database.js';
import { plainArray, toBigInt } from '../../store/sql-values.js';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../context.js';
import type { PlanInput } from './input.js';

export interface ValidPlan {
  currency: string;
  total: bigint;
  instalments: Instalment[];
}

/** The plan's invoices: this customer's, open, in one currency, not disputed nor under another plan. */
export async function checkInvoices(db: Db, tenantId: string, customerId: string, invoiceIds: string[]) {
  const seen = new Set<string>();
  invoiceIds.forEach((id, index) => {
    if (seen.has(id)) throw invalid(`invoice_ids[${index}]`, 'is listed twice');
    seen.add(id);
  });
  const rows = await queryRows<{
    id: string;
    number: string;
    currency: string;
    balance: string;
    disputed: boolean;
    plan_id: string | null;
  }>(
    db,
    sql`SELECT i.id, i.number, i.currency, i.balance::text AS balance,
          EXISTS (SELECT 1 FROM disputes d WHERE d.tenant_id = i.tenant_id AND d.invoice_id = i.id
                    AND d.resolved_at IS NULL) AS disputed,
          (SELECT p.id FROM payment_plans p WHERE p.tenant_id = i.tenant_id AND i.id = ANY(p.invoice_ids)
             AND p.cancelled_at IS NULL ORDER BY p.id DESC LIMIT 1) AS plan_id
        FROM invoices i
        WHERE i.tenant_id = ${tenantId} AND i.customer_id = ${customerId}
          AND i.id = ANY(${plainArray(invoiceIds)}::uuid[])`,
  );
  const currency = rows.find((r) => r.id === invoiceIds[0])?.currency;
  let balance = 0n;
  invoiceIds.forEach((id, index) => {
    const path = `invoice_ids[${index}]`;
    const row = rows.find((r) => r.id === id);
    if (!row) throw invalid(path, `no invoice ${id} of this customer`, 'unknown_invoice');
    if (row.currency !== currency)
      throw invalid(
        path,
        `is in ${row.currency}, the plan's first invoice in ${currency}`,
        'mixed_currencies',
      );
    if (toBigInt(row.balance) <= 0n) throw invalid(path, `invoice ${row.number} has nothing left to pay`);
    if (row.disputed) throw invalid(path, `invoice ${row.number} is disputed`, 'invoice_disputed');
    balance += toBigInt(row.balance);
  });
  return { currency: currency!, balance, planOf: rows.filter((r) => r.plan_id) };
}

/** The schedule the request describes, checked against the invoices' balance. */
export function scheduleFor(
  input: PlanInput,
  currency: string,
  balance: bigint,
  agreedOn: CalendarDate,
  settings: OrganisationSettings,
): ValidPlan {
  const explicit = input.instalments !== undefined;
  const series = input.count !== undefined || input.frequency !== undefined || input.start_on !== undefined;
  if (explicit && series)
    throw invalid('instalments', 'give instalments, or count with frequency and start_on, not both');
  if (!explicit && !series)
    throw invalid('instalments', 'give instalments, or count with frequency and start_on');
  if (explicit && input.total !== undefined)
    throw invalid('total', 'is the sum of the instalments; leave it out when giving instalments');
  const down = input.down_payment
    ? {
        amount: parsePositiveAmount(input.down_payment.amount, currency, 'down_payment.amount'),
        dueOn: input.down_payment.due_on ?? agreedOn,
      }
    : undefined;
  let instalments: Instalment[];
  if (input.instalments) {
    instalments = [
      ...(down ? [{ ...down, isDownPayment: true }] : []),
      ...input.instalments.map((i, index) => ({
        dueOn: i.due_on,
        amount: parsePositiveAmount(i.amount, currency, `instalments[${index}].amount`),
        isDownPayment: false,
      })),
    ];
  } else {
    if (input.count === undefined) throw invalid('count', 'is required with frequency and start_on');
    if (input.frequency === undefined) throw invalid('frequency', 'is required with count');
    if (input.start_on === undefined) throw invalid('start_on', 'is required with count');
    const total = input.total === undefined ? balance : parsePositiveAmount(input.total, currency, 'total');
    if (down && down.amount >= total)
      throw invalid('down_payment.amount', 'must leave something for the instalments');
    instalments = buildSchedule({
      total,
      count: input.count,
      frequency: input.frequency,
      startOn: input.start_on,
      remainderOn: { ...DEFAULT_SETTINGS.payment_plans, ...settings.payment_plans }.remainder_on,
      ...(down && { downPayment: down }),
    });
    if (instalments.some((i) => i.amount <= 0n))
      throw invalid(
        'count',
        `${formatAmount(total, currency)} ${currency} is too little for ${input.count} instalments`,
      );
  }
  checkDates(instalments, agreedOn, explicit, down !== undefined);
  const total = instalments.reduce((sum, i) => sum + i.amount, 0n);
  if (total > balance)
    throw new RecoupError(
      'rejected',
      'plan_exceeds_balance',
      `the plan's ${formatAmount(total, currency)} ${currency} is more than the ${formatAmount(balance, currency)} ${currency} its invoices owe`,
      [{ path: explicit ? 'instalments' : 'total', message: 'is more than the invoices owe' }],
    );
  return { currency, total, instalments };
}

function checkDates(instalments: Instalment[], agreedOn: CalendarDate, explicit: boolean, hasDown: boolean) {
  const pathOf = (index: number) => {
    if (hasDown && index === 0) return 'down_payment.due_on';
    const at = index - (hasDown ? 1 : 0);
    return explicit ? `instalments[${at}].due_on` : 'start_on';
  };
  instalments.forEach((instalment, index) => {
    if (instalment.dueOn < agreedOn)
      throw invalid(pathOf(index), `is before the day the plan was agreed (${agreedOn})`);
    const before = instalments[index - 1];
    if (before && instalment.dueOn <= before.dueOn)
      throw invalid(pathOf(index), `must come after ${before.dueOn}: instalments are in date order`);
  });
}

/** The smallest instalment the organisation allows in a currency (null: no minimum). */
export function minimumInstalment(settings: OrganisationSettings, currency: string): bigint | null {
  const limits = { ...DEFAULT_SETTINGS.payment_plans, ...settings.payment_plans };
  const minimum = limits.min_instalment.find((m) => m.currency === currency);
  return minimum ? parseAmount(minimum.amount, currency, 'settings.payment_plans.min_instalment') : null;
}
