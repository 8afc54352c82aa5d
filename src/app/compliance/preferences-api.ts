/**
 * The customer's contact preferences over the API: opt-outs, consents, cease communication
 * (a `cease_communication` hold, §1006.6(c)), and the list of what is recorded.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { contactPreferences, holds } from '../../store/schema.js';
import type { Ctx } from '../context.js';
import { findCustomer } from '../customers.js';
import { recordEvents } from '../events/record.js';
import { instantField } from '../fields.js';
import { placeHold } from '../holds.js';
import { preferenceView, recordConsent, recordOptOut } from './preferences.js';

const addressField = z.string().trim().min(3).max(320);

export const optOutInput = z
  .object({
    channel: z.enum(['phone', 'email', 'sms', 'letter', 'visit']),
    address: addressField.optional(),
    effective_at: instantField.optional(),
    source: z.string().trim().min(1).max(50).default('api'),
  })
  .superRefine((input, issues) => addressIssues(input.channel, input.address, issues));

export const consentInput = z
  .object({
    channel: z.enum(['sms', 'phone_automated']),
    address: addressField,
    effective_at: instantField.optional(),
    source: z.string().trim().min(1).max(50).default('api'),
  })
  .superRefine((input, issues) => addressIssues(input.channel, input.address, issues));

export const ceaseInput = z.object({
  effective_at: instantField.optional(),
  note: z.string().max(2000).optional(),
});

function addressIssues(channel: string, address: string | undefined, issues: z.RefinementCtx) {
  if (address === undefined) return;
  if (channel === 'email' && !z.email().safeParse(address).success)
    issues.addIssue({ code: 'custom', path: ['address'], message: 'must be an email address' });
  if (
    ['sms', 'phone', 'phone_automated'].includes(channel) &&
    !/^\+[1-9]\d{6,14}$/.test(address.replace(/[\s().-]/g, ''))
  )
    issues.addIssue({
      code: 'custom',
      path: ['address'],
      message: 'must be an E.164 phone number such as +14155550100',
    });
  if (channel === 'letter' || channel === 'visit')
    issues.addIssue({
      code: 'custom',
      path: ['address'],
      message: `a ${channel} opt-out is for the whole channel`,
    });
}

export async function addOptOut(ctx: Ctx, customerId: string, input: z.infer<typeof optOutInput>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  await ctx.db.transaction((tx) =>
    recordOptOut(tx, ctx.tenantId, customer.id, {
      channel: input.channel,
      address: input.address ?? null,
      effectiveAt: input.effective_at ? new Date(input.effective_at) : ctx.clock.now(),
      source: input.source,
      actor: ctx.actor ?? 'system',
    }),
  );
  return contactPreferencesOf(ctx, customer.id);
}

export async function addConsent(ctx: Ctx, customerId: string, input: z.infer<typeof consentInput>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  await ctx.db.transaction((tx) =>
    recordConsent(tx, ctx.tenantId, customer.id, {
      channel: input.channel,
      address: input.address,
      effectiveAt: input.effective_at ? new Date(input.effective_at) : ctx.clock.now(),
      source: input.source,
      actor: ctx.actor ?? 'system',
    }),
  );
  return contactPreferencesOf(ctx, customer.id);
}

/** A cease-communication request: a hold from `effective_at` (once: a second request changes nothing). */
export async function ceaseCommunication(ctx: Ctx, customerId: string, input: z.infer<typeof ceaseInput>) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const effectiveAt = input.effective_at ? new Date(input.effective_at) : ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: holds.id })
      .from(holds)
      .where(
        and(
          eq(holds.tenantId, ctx.tenantId),
          eq(holds.customerId, customer.id),
          eq(holds.reason, 'cease_communication'),
          sql`${holds.startsAt} <= ${effectiveAt.toISOString()}`,
          sql`${holds.endsAt} IS NULL`,
        ),
      )
      .limit(1);
    if (existing) return;
    const hold = await placeHold({ ...ctx, db: tx }, customer.id, {
      reason: 'cease_communication',
      starts_at: effectiveAt.toISOString(),
      note: input.note ?? 'cease-communication request',
    });
    await recordEvents(tx, ctx.tenantId, [
      {
        type: 'contact_preference.cease_communication',
        at: effectiveAt,
        actor: ctx.actor ?? 'system',
        subjectType: 'hold',
        subjectId: hold.id,
        customerId: customer.id,
        data: { hold_id: hold.id, effective_at: effectiveAt.toISOString() },
      },
    ]);
  });
  return contactPreferencesOf(ctx, customer.id);
}

/** Everything recorded about how the customer may be contacted, oldest first. */
export async function contactPreferencesOf(ctx: Ctx, customerId: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  const rows = await ctx.db
    .select()
    .from(contactPreferences)
    .where(and(eq(contactPreferences.tenantId, ctx.tenantId), eq(contactPreferences.customerId, customer.id)))
    .orderBy(asc(contactPreferences.effectiveAt), asc(contactPreferences.id));
  const ceases = await ctx.db
    .select()
    .from(holds)
    .where(
      and(
        eq(holds.tenantId, ctx.tenantId),
        eq(holds.customerId, customer.id),
        eq(holds.reason, 'cease_communication'),
      ),
    )
    .orderBy(asc(holds.startsAt));
  const views = rows.map(preferenceView);
  const now = ctx.clock.now();
  const inForce = ceases.find((h) => !h.endsAt || h.endsAt > now);
  return {
    customer_id: customer.id,
    opt_outs: views.filter((v) => v.kind === 'opt_out'),
    consents: views.filter((v) => v.kind === 'consent'),
    cease_communication: inForce
      ? {
          hold_id: inForce.id,
          effective_at: inForce.startsAt.toISOString(),
          ended_at: inForce.endsAt?.toISOString() ?? null,
        }
      : null,
    data: views,
  };
}
