/**
 * The last look before a message goes out: the run decided it hours (or, when deferred, days)
 * ago. Money may have come in, a dispute or promise may hold the items, the customer may have
 * opted out, or it may be outside the hours we may contact them.
 */
import type { MessageData } from '../../channels/message.js';
import { eq } from 'drizzle-orm';
import { organisations, type actions } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { checkContact, type ContactChannel } from './comply.js';
import { customerRecords, loadSnapshots, type CustomerBatchSnapshot } from './snapshot.js';

export type Recheck =
  | { kind: 'send' }
  | { kind: 'defer'; until: Date; code: string; message: string }
  | { kind: 'block'; code: string; message: string }
  | { kind: 'cancel'; code: string; message: string };

type ActionRow = typeof actions.$inferSelect;

export async function recheckBeforeSending(
  db: Db,
  rows: readonly ActionRow[],
  now: Date,
): Promise<Map<string, Recheck>> {
  const verdicts = new Map<string, Recheck>();
  const tenants = new Map<string, ActionRow[]>();
  for (const row of rows) tenants.set(row.tenantId, [...(tenants.get(row.tenantId) ?? []), row]);
  for (const [tenantId, tenantRows] of tenants) {
    const customers = await customerRecords(db, tenantId, [...new Set(tenantRows.map((r) => r.customerId))]);
    const [org] = await db
      .select({ rulePacks: organisations.rulePacks })
      .from(organisations)
      .where(eq(organisations.tenantId, tenantId));
    const snapshots = await loadSnapshots(db, tenantId, customers, {
      asOf: now,
      paymentEvents: false,
      historyMonths: 0,
    });
    const byCustomer = new Map(snapshots.map((s) => [s.customer.id, s]));
    for (const row of tenantRows)
      verdicts.set(row.id, judge(row, byCustomer.get(row.customerId), now, org?.rulePacks ?? []));
  }
  return verdicts;
}

function judge(
  row: ActionRow,
  snapshot: CustomerBatchSnapshot | undefined,
  now: Date,
  rulePacks: readonly string[],
): Recheck {
  if (!snapshot) return { kind: 'cancel', code: 'customer_gone', message: 'the customer no longer exists' };
  const payload = row.payload as { to: unknown; data: MessageData };
  if (!payload.data.step.event && row.invoiceIds.length > 0) {
    const items = snapshot.items.filter((i) => row.invoiceIds.includes(i.invoiceId));
    if (items.length === 0)
      return {
        kind: 'cancel',
        code: 'nothing_owed',
        message: 'the items were settled before the message went out',
      };
    if (items.every((i) => i.held))
      return {
        kind: 'cancel',
        code: 'on_hold',
        message: 'the items went on hold before the message went out',
      };
  }
  const decision = checkContact(
    {
      channel: row.channel as ContactChannel,
      address: typeof payload.to === 'string' ? payload.to : null,
      at: now,
      invoiceIds: row.invoiceIds,
      ...(row.template === 'validation_notice' && { purpose: 'validation_notice' as const }),
    },
    { ...snapshot, rulePacks },
  );
  const reason = {
    code: decision.reasons[0]?.code ?? '',
    message: decision.reasons.map((r) => r.message).join('; '),
  };
  if (decision.decision === 'block') return { kind: 'block', ...reason };
  if (decision.decision === 'defer') return { kind: 'defer', until: decision.nextAllowedAt!, ...reason };
  return { kind: 'send' };
}
