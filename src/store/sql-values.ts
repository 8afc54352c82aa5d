/**
 * Builds a PostgreSQL array literal ('{"a","b"}') to pass a whole list as one parameter,
 * e.g. `WHERE id = ANY(${pgArray(ids)}::uuid[])` or `unnest(...)` for bulk inserts. Drizzle
 * would otherwise expand a JS array into one parameter per element.
 */
export function pgArray(values: readonly (string | number | bigint | boolean | null)[]): string {
  const items = values.map((value) => {
    if (value === null) return 'NULL';
    if (typeof value !== 'string') return String(value);
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** int8 and numeric come back as strings from node-postgres and as numbers from PGlite. */
export function toBigInt(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  return BigInt(value as string | number | bigint);
}
