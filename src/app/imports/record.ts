import { and, eq } from 'drizzle-orm';
import { notFound } from '../../domain/errors.js';
import type { Db } from '../../store/database.js';
import { imports } from '../../store/schema.js';
import type { Ctx } from '../context.js';
import type { CsvFormat, ImportCounts, ImportResult, ImportStatus, RowError } from './types.js';

export interface ImportRecord {
  id: string;
  format: CsvFormat;
  status: ImportStatus;
  fileName: string | null;
  counts: ImportCounts;
  errors: RowError[];
  /** Errors found beyond the stored list. */
  errorsTruncated: number;
}

type StoredCounts = ImportCounts & { errors_truncated?: number };

/** Stores what an import did; the truncated-error count rides along in `counts`. */
export async function saveImport(db: Db, tenantId: string, record: ImportRecord): Promise<ImportResult> {
  const counts: StoredCounts = {
    ...record.counts,
    ...(record.errorsTruncated > 0 && { errors_truncated: record.errorsTruncated }),
  };
  const [row] = await db
    .insert(imports)
    .values({
      tenantId,
      id: record.id,
      format: record.format,
      status: record.status,
      fileName: record.fileName,
      counts,
      errors: record.errors,
    })
    .returning();
  return importView(row!);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getImport(ctx: Ctx, id: string): Promise<ImportResult> {
  if (!UUID.test(id)) throw notFound('import', id);
  const [row] = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, ctx.tenantId), eq(imports.id, id)));
  if (!row) throw notFound('import', id);
  return importView(row);
}

function importView(row: typeof imports.$inferSelect): ImportResult {
  const { errors_truncated, ...counts } = row.counts as StoredCounts;
  return {
    id: row.id,
    format: row.format as CsvFormat,
    status: row.status as ImportStatus,
    file_name: row.fileName,
    counts: {
      rows: counts.rows,
      created: counts.created,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
    },
    errors: row.errors as RowError[],
    ...(errors_truncated !== undefined && { errors_truncated }),
    created_at: row.createdAt.toISOString(),
  };
}
