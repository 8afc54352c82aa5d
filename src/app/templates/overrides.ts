import { sql } from 'drizzle-orm';
import type { MessageChannel, TemplateOverride } from '../../channels/message.js';
import { queryRows, type Db } from '../../store/database.js';
import { pgArray } from '../../store/sql-values.js';

interface LatestRow {
  key: string;
  channel: string;
  language: string;
  version: number;
  subject: string | null;
  body: string;
  html: string | null;
}

/** An organisation's latest template versions for some keys, by `key/channel`, then language. */
export type Overrides = Map<string, Map<string, TemplateOverride>>;

/** The latest version of each of the organisation's own templates among `keys`, in one query. */
export async function loadOverrides(db: Db, tenantId: string, keys: readonly string[]): Promise<Overrides> {
  const overrides: Overrides = new Map();
  if (keys.length === 0) return overrides;
  const rows = await queryRows<LatestRow>(
    db,
    sql`SELECT DISTINCT ON (key, channel, language) key, channel, language, version, subject, body, html
        FROM templates
        WHERE tenant_id = ${tenantId} AND key = ANY(${pgArray([...new Set(keys)])}::text[])
        ORDER BY key, channel, language, version DESC`,
  );
  for (const row of rows) {
    const id = `${row.key}/${row.channel}`;
    const byLanguage = overrides.get(id) ?? new Map<string, TemplateOverride>();
    overrides.set(id, byLanguage);
    byLanguage.set(row.language, {
      version: row.version,
      language: row.language,
      subject: row.subject,
      body: row.body,
      html: row.html,
    });
  }
  return overrides;
}

/**
 * The organisation's version for a customer's language: that language ("de-CH"), its base
 * ("de"), then English. None: the default files are used (they have their own fallback).
 */
export function pickOverride(
  overrides: Overrides,
  key: string,
  channel: MessageChannel,
  language: string,
): TemplateOverride | undefined {
  const byLanguage = overrides.get(`${key}/${channel}`);
  if (!byLanguage) return undefined;
  for (const candidate of [language, language.split('-')[0] ?? language, 'en']) {
    const found = byLanguage.get(candidate);
    if (found) return found;
  }
  return undefined;
}
