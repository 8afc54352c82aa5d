/**
 * Shows what a template gives: saved (the organisation's latest version, else the default) or
 * inline (a draft), with sample data or with a customer's real open items.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { invalid, notFound } from '../../domain/errors.js';
import { customers, invoices } from '../../store/schema.js';
import type { MessageData, TemplateOverride } from '../../channels/message.js';
import { SAMPLE_DATA } from '../../channels/templates/sample.js';
import { today, type Ctx } from '../context.js';
import { idField } from '../fields.js';
import { customerMessageData } from '../message-data.js';
import { loadOrganisation } from '../organisations.js';
import { loadOverrides, pickOverride } from './overrides.js';
import { messageFor, renderOrRefuse } from './validate.js';

export const previewInput = z.object({
  key: z.string().min(1).max(63).optional(),
  /** A draft to preview instead of a saved template. */
  body: z.string().min(1).max(100_000).optional(),
  subject: z.string().max(100_000).nullish(),
  html: z.string().max(100_000).nullish(),
  channel: z.enum(['email', 'sms', 'letter']).default('email'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, { message: 'must be a language tag' })
    .optional(),
  customer_id: idField.optional(),
});
export type PreviewInput = z.input<typeof previewInput>;

/** A customer's real open items (overdue ones when any are), as the run would put them in a message. */
async function customerData(ctx: Ctx, customerId: string): Promise<MessageData> {
  const [customer] = await ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.tenantId), eq(customers.id, customerId)));
  if (!customer) throw notFound('customer', customerId);
  const { row: organisation } = await loadOrganisation(ctx.db, ctx.tenantId);
  const open = await ctx.db
    .select()
    .from(invoices)
    .where(
      and(eq(invoices.tenantId, ctx.tenantId), eq(invoices.customerId, customerId), gt(invoices.balance, 0n)),
    )
    .orderBy(asc(invoices.dueDate), asc(invoices.number));
  const day = today(ctx);
  const overdue = open.filter((invoice) => invoice.dueDate < day);
  const listed = overdue.length > 0 ? overdue : open;
  return customerMessageData({
    organisation,
    customer,
    items: listed,
    today: day,
    step: { strategy: 'preview', key: 'preview', offset_days: null, event: null },
  });
}

export async function previewTemplate(ctx: Ctx, raw: PreviewInput) {
  const input = previewInput.parse(raw);
  if (!input.key && !input.body) throw invalid('key', 'give a template key or a body to preview');
  const data = input.customer_id ? await customerData(ctx, input.customer_id) : SAMPLE_DATA;
  const language = input.language ?? data.customer.language;
  const key = input.key ?? 'draft';
  let override: TemplateOverride | undefined;
  if (input.body) {
    override = {
      version: 0,
      language,
      subject: input.subject ?? null,
      body: input.body,
      html: input.html ?? null,
    };
  } else {
    override = pickOverride(await loadOverrides(ctx.db, ctx.tenantId, [key]), key, input.channel, language);
  }
  const rendered = await renderOrRefuse(messageFor(key, input.channel, language, data, override));
  return {
    key,
    channel: input.channel,
    language,
    source: input.body ? ('draft' as const) : override ? ('organisation' as const) : ('default' as const),
    version: input.body ? null : (override?.version ?? null),
    subject: rendered.subject ?? null,
    text: rendered.text,
    html: rendered.html ?? null,
  };
}
