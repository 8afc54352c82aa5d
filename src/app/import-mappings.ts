import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { RecoupError, invalid } from '../domain/errors.js';
import { columnMappings } from '../store/schema.js';
import { newId, type Ctx } from './context.js';

export const IMPORT_FORMATS = ['customers-csv', 'invoices-csv', 'payments-csv'] as const;

export const importMappingInput = z.object({
  name: z.string().trim().min(1).max(100),
  format: z.enum(IMPORT_FORMATS),
  /** The file's header name → Recoup's column name ("" ignores the column). */
  columns: z.record(z.string().min(1), z.string()),
});

/** A saved column mapping, so a recurring export from another system imports as it is. */
export async function saveImportMapping(ctx: Ctx, input: z.infer<typeof importMappingInput>) {
  const [row] = await ctx.db
    .insert(columnMappings)
    .values({
      tenantId: ctx.tenantId,
      id: newId(),
      name: input.name,
      format: input.format,
      columns: input.columns,
    })
    .onConflictDoUpdate({
      target: [columnMappings.tenantId, columnMappings.name],
      set: { format: input.format, columns: input.columns },
    })
    .returning();
  return mappingView(row!);
}

export async function listImportMappings(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(columnMappings)
    .where(eq(columnMappings.tenantId, ctx.tenantId))
    .orderBy(asc(columnMappings.name));
  return { data: rows.map(mappingView), next_cursor: null };
}

/** The columns of a saved mapping for a format; an unknown name or another format is an error on `mapping`. */
export async function findImportMapping(
  ctx: Ctx,
  name: string,
  format: string,
): Promise<Record<string, string>> {
  const [row] = await ctx.db
    .select()
    .from(columnMappings)
    .where(and(eq(columnMappings.tenantId, ctx.tenantId), eq(columnMappings.name, name)));
  if (!row) throw invalid('mapping', `no saved column mapping named "${name}"`);
  if (row.format !== format) {
    throw new RecoupError(
      'invalid',
      'validation_failed',
      `mapping "${name}" is for ${row.format}, not ${format}`,
      [{ path: 'mapping', message: `is for ${row.format}` }],
    );
  }
  return row.columns as Record<string, string>;
}

function mappingView(row: typeof columnMappings.$inferSelect) {
  return { id: row.id, name: row.name, format: row.format, columns: row.columns as Record<string, string> };
}
