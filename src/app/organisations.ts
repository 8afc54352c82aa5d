import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, notFound } from '../domain/errors.js';
import { apiKeys, organisations, users } from '../store/schema.js';
import type { Db } from '../store/database.js';
import { DEFAULT_SETTINGS, ROLES, newId, type Ctx, type OrganisationSettings, type Role } from './context.js';
import { countryField, currencyField, timeZoneField } from './fields.js';

export const RULE_PACKS = ['us_federal_consumer', 'us_ma', 'tcpa', 'b2b_default'] as const;

export const organisationInput = z.object({
  name: z.string().trim().min(1).max(200),
  country: countryField,
  time_zone: timeZoneField,
  base_currency: currencyField,
  rule_packs: z.array(z.enum(RULE_PACKS)).default([]),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

/** Who is calling: the organisation their key belongs to and what they may do there. */
export interface Principal {
  tenantId: string;
  role: Role;
  isOperator: boolean;
  keyId: string;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function generateKey(): string {
  return `rk_${randomBytes(24).toString('base64url')}`;
}

/** Creates an organisation and its first admin API key, which is returned once and never again. */
export async function createOrganisation(
  db: Db,
  input: OrganisationInput,
  options: { apiKey?: string; operator?: boolean } = {},
) {
  const tenantId = newId();
  const key = options.apiKey ?? generateKey();
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({
        tenantId,
        name: input.name,
        country: input.country,
        timeZone: input.time_zone,
        baseCurrency: input.base_currency,
        rulePacks: input.rule_packs,
        settings: DEFAULT_SETTINGS,
      })
      .returning();
    await tx.insert(apiKeys).values({
      tenantId,
      id: newId(),
      name: 'first admin key',
      role: 'admin',
      keyHash: hashKey(key),
      prefix: key.slice(0, 7),
      isOperator: options.operator ?? false,
    });
    return { ...organisationView(org!), api_key: key };
  });
}

export function organisationView(row: typeof organisations.$inferSelect) {
  return {
    id: row.tenantId,
    name: row.name,
    country: row.country,
    time_zone: row.timeZone,
    base_currency: row.baseCurrency,
    rule_packs: row.rulePacks,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * First start: create the default organisation with an operator key (RECOUP_API_KEY, or a fresh
 * one that is printed). Later starts with a RECOUP_API_KEY the database does not know add it as an
 * operator key of the default (oldest) organisation, so scripted set-ups keep working.
 */
export async function bootstrap(
  db: Db,
  options: { apiKey?: string; organisation?: Partial<OrganisationInput> } = {},
): Promise<{ tenantId: string; createdKey: string | null; created: boolean }> {
  const [first] = await db.select().from(organisations).orderBy(asc(organisations.createdAt)).limit(1);
  if (!first) {
    const org = await createOrganisation(
      db,
      organisationInput.parse({
        name: 'My organisation',
        country: 'GB',
        time_zone: 'Europe/London',
        base_currency: 'GBP',
        ...options.organisation,
      }),
      { apiKey: options.apiKey, operator: true },
    );
    return { tenantId: org.id, createdKey: options.apiKey ? null : org.api_key, created: true };
  }
  if (options.apiKey) {
    const [known] = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashKey(options.apiKey)));
    if (!known) {
      await db.insert(apiKeys).values({
        tenantId: first.tenantId,
        id: newId(),
        name: 'RECOUP_API_KEY',
        role: 'admin',
        keyHash: hashKey(options.apiKey),
        prefix: options.apiKey.slice(0, 7),
        isOperator: true,
      });
    }
  }
  return { tenantId: first.tenantId, createdKey: null, created: false };
}

export async function authenticate(db: Db, key: string): Promise<Principal | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  return { tenantId: row.tenantId, role: row.role as Role, isOperator: row.isOperator, keyId: row.id };
}

export async function loadOrganisation(db: Db, tenantId: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.tenantId, tenantId));
  if (!row) throw notFound('organisation', tenantId);
  return {
    row,
    timeZone: row.timeZone,
    settings: { ...DEFAULT_SETTINGS, ...(row.settings as Partial<OrganisationSettings>) },
  };
}

export const apiKeyInput = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES as [Role, ...Role[]]),
});

export async function createApiKey(ctx: Ctx, input: z.infer<typeof apiKeyInput>) {
  const key = generateKey();
  const [row] = await ctx.db
    .insert(apiKeys)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      name: input.name,
      role: input.role,
      keyHash: hashKey(key),
      prefix: key.slice(0, 7),
    })
    .returning();
  return { ...apiKeyView(row!), api_key: key };
}

export async function listApiKeys(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, ctx.tenantId))
    .orderBy(asc(apiKeys.id));
  return { data: rows.map(apiKeyView), next_cursor: null };
}

export async function revokeApiKey(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.tenantId, ctx.tenantId), eq(apiKeys.id, id)))
    .returning();
  if (!row) throw notFound('api key', id);
  return apiKeyView(row);
}

function apiKeyView(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

export const userInput = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES as [Role, ...Role[]]),
});

export async function createUser(ctx: Ctx, input: z.infer<typeof userInput>) {
  const [row] = await ctx.db
    .insert(users)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw new RecoupError('conflict', 'duplicate_email', `a user with email ${input.email} exists`, [
      { path: 'email', message: 'is already used' },
    ]);
  }
  return userView(row);
}

export async function listUsers(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(eq(users.tenantId, ctx.tenantId))
    .orderBy(asc(users.id));
  return { data: rows.map(userView), next_cursor: null };
}

function userView(row: typeof users.$inferSelect) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    created_at: row.createdAt.toISOString(),
  };
}
