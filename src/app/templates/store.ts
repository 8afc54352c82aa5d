/**
 * An organisation's own templates, versioned: each save of key + channel + language is the next
 * version, the latest is the one messages use, and older ones stay readable.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invalid, notFound } from '../../domain/errors.js';
import { queryRows } from '../../store/database.js';
import { templates } from '../../store/schema.js';
import type { MessageChannel } from '../../channels/message.js';
import { CHANNEL_PARTS, DEFAULT_TEMPLATES_DIR, listTemplates } from '../../channels/templates/catalogue.js';
import { newId, type Ctx } from '../context.js';
import { checkTemplate } from './validate.js';

const languageField = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, { message: 'must be a language tag such as en or fr-CA' });
const keyField = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, {
  message: 'must be lower-case letters, digits and _, such as overdue_notice',
});
const source = z.string().max(100_000);

export const templateInput = z.object({
  key: keyField,
  channel: z.enum(['email', 'sms', 'letter']),
  language: languageField.default('en'),
  subject: source.nullish(),
  body: source.min(1),
  html: source.nullish(),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const templateQuery = z.object({
  channel: z.enum(['email', 'sms', 'letter']).default('email'),
  language: languageField.default('en'),
  version: z.coerce.number().int().min(1).optional(),
});

type TemplateRow = typeof templates.$inferSelect;

function rowView(row: TemplateRow) {
  return {
    key: row.key,
    channel: row.channel as MessageChannel,
    language: row.language,
    source: 'organisation' as const,
    version: row.version,
    subject: row.subject,
    body: row.body,
    html: row.html,
    created_at: row.createdAt.toISOString(),
  };
}

/** What each channel takes: a subject for email and letters, HTML only for email. */
function checkFields(input: TemplateInput) {
  if (input.channel !== 'sms' && !input.subject?.trim())
    throw invalid('subject', `is required for ${input.channel}`);
  if (input.channel === 'sms' && input.subject) throw invalid('subject', 'an SMS has no subject');
  if (input.channel !== 'email' && input.html)
    throw invalid('html', `only email has HTML, not ${input.channel}`);
}

/** Saves the next version, once it renders against sample data. */
export async function createTemplateVersion(ctx: Ctx, input: TemplateInput) {
  checkFields(input);
  await checkTemplate(input.key, input.channel, input.language, {
    version: 0,
    language: input.language,
    subject: input.subject ?? null,
    body: input.body,
    html: input.html ?? null,
  });
  return ctx.db.transaction(async (tx) => {
    // Two saves at once: the unique (key, channel, language, version) lets only one take a number.
    const [latest] = await queryRows<{ version: number | null }>(
      tx,
      sql`SELECT max(version) AS version FROM templates WHERE tenant_id = ${ctx.tenantId}
            AND key = ${input.key} AND channel = ${input.channel} AND language = ${input.language}`,
    );
    const [row] = await tx
      .insert(templates)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        key: input.key,
        channel: input.channel,
        language: input.language,
        version: Number(latest?.version ?? 0) + 1,
        subject: input.subject ?? null,
        body: input.body,
        html: input.html ?? null,
        createdBy: ctx.actor ?? null,
      })
      .returning();
    return rowView(row!);
  });
}

/** The latest version of each of the organisation's templates. */
async function latestRows(ctx: Ctx): Promise<TemplateRow[]> {
  const rows = await ctx.db
    .select()
    .from(templates)
    .where(eq(templates.tenantId, ctx.tenantId))
    .orderBy(templates.key, templates.channel, templates.language, desc(templates.version));
  const seen = new Set<string>();
  return rows.filter((row) => {
    const id = `${row.key}/${row.channel}/${row.language}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Every template messages can use: the defaults, and the organisation's own (latest) versions. */
export async function listOrganisationTemplates(ctx: Ctx) {
  const own = await latestRows(ctx);
  const ownById = new Map(own.map((row) => [`${row.key}/${row.channel}/${row.language}`, row]));
  const data: {
    key: string;
    channel: MessageChannel;
    language: string;
    source: 'default' | 'organisation';
    version: number | null;
    updated_at: string | null;
  }[] = [];
  for (const template of listTemplates()) {
    for (const channel of template.channels) {
      const row = ownById.get(`${template.name}/${channel}/${template.language}`);
      data.push({
        key: template.name,
        channel,
        language: template.language,
        source: row ? 'organisation' : 'default',
        version: row?.version ?? null,
        updated_at: row?.createdAt.toISOString() ?? null,
      });
      ownById.delete(`${template.name}/${channel}/${template.language}`);
    }
  }
  for (const row of ownById.values())
    data.push({
      key: row.key,
      channel: row.channel as MessageChannel,
      language: row.language,
      source: 'organisation',
      version: row.version,
      updated_at: row.createdAt.toISOString(),
    });
  data.sort(
    (a, b) =>
      a.key.localeCompare(b.key) ||
      a.channel.localeCompare(b.channel) ||
      a.language.localeCompare(b.language),
  );
  return { data, next_cursor: null };
}

/** The default files of a template, as the sources of a version would be. */
function defaultSources(key: string, channel: MessageChannel, language: string) {
  const dir = path.join(DEFAULT_TEMPLATES_DIR, language, key);
  const read = (part: string) => {
    const file = path.join(dir, `${part}.liquid`);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  if (!/^[a-z][a-z0-9_]*$/.test(key) || !CHANNEL_PARTS[channel].every((part) => read(part) !== null))
    return null;
  const [first, second, third] = CHANNEL_PARTS[channel];
  return channel === 'sms'
    ? { subject: null, body: read(first)!, html: null }
    : channel === 'email'
      ? { subject: read(first), body: read(second!)!, html: read(third!) }
      : { subject: read(first), body: read(second!)!, html: null, closing: read(third!) };
}

/** One template: a version of the organisation's own (the latest by default), else the default files. */
export async function getTemplate(ctx: Ctx, key: string, query: z.infer<typeof templateQuery>) {
  const [row] = await ctx.db
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.tenantId, ctx.tenantId),
        eq(templates.key, key),
        eq(templates.channel, query.channel),
        eq(templates.language, query.language),
        query.version ? eq(templates.version, query.version) : undefined,
      ),
    )
    .orderBy(desc(templates.version))
    .limit(1);
  if (row) return rowView(row);
  const defaults = query.version ? null : defaultSources(key, query.channel, query.language);
  if (!defaults)
    throw notFound(
      'template',
      `${key} (${query.channel}, ${query.language}${query.version ? `, version ${query.version}` : ''})`,
    );
  return {
    key,
    channel: query.channel,
    language: query.language,
    source: 'default' as const,
    version: null,
    created_at: null,
    ...defaults,
  };
}
