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

/**
 * An array literal for values that never need quoting (uuids, YYYY-MM-DD dates, integers,
 * currency codes): cheaper than pgArray's escaping when a batch has thousands of them.
 */
export function plainArray(values: readonly (string | bigint | number | boolean)[]): string {
  return `{${values.join(',')}}`;
}

/** int8 and numeric come back as strings from node-postgres and as numbers from PGlite. */
export function toBigInt(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  return BigInt(value as string | number | bigint);
}
