/** The columns a CSV format knows, and those it cannot do without. */
export interface ColumnSpec {
  format: string;
  columns: readonly string[];
  required: readonly string[];
}

export interface HeaderProblem {
  field: string;
  message: string;
}

/** Where each known column sits in the file's rows (-1 when the file has no such column). */
export interface Header {
  /** The header cells as the file spells them. */
  names: string[];
  position: ReadonlyMap<string, number>;
  problems: HeaderProblem[];
}

const normal = (name: string) => name.trim().toLowerCase();

/**
 * Matches a header row against a format's columns: names are trimmed and compared without
 * regard to case; `mapping` renames the file's own headers (file name -> column name, an empty
 * column name ignores that column). Unknown, unnamed, repeated and missing columns are problems.
 */
export function mapHeader(cells: readonly string[], spec: ColumnSpec, mapping: Record<string, string> = {}) {
  const known = new Map(spec.columns.map((column) => [normal(column), column]));
  const renames = new Map(Object.entries(mapping).map(([from, to]) => [normal(from), to]));
  const position = new Map<string, number>();
  const problems: HeaderProblem[] = [];
  cells.forEach((cell, index) => {
    const target = renames.get(normal(cell));
    if (target !== undefined && normal(target) === '') return;
    const column = known.get(normal(target ?? cell));
    if (column === undefined) {
      problems.push({
        field: cell.trim() === '' ? `column ${index + 1}` : cell,
        message:
          target !== undefined
            ? `is mapped to "${target}", which is not a ${spec.format} column (${spec.columns.join(', ')})`
            : cell.trim() === ''
              ? 'the header has no name for this column'
              : `is not a ${spec.format} column (${spec.columns.join(', ')}); map it to one, or to "" to ignore it`,
      });
      return;
    }
    const earlier = position.get(column);
    if (earlier !== undefined) {
      problems.push({
        field: column,
        message: `is named twice in the header (columns ${earlier + 1} and ${index + 1})`,
      });
      return;
    }
    position.set(column, index);
  });
  for (const column of spec.required) {
    if (!position.has(column)) problems.push({ field: column, message: 'the header has no such column' });
  }
  return { names: [...cells], position, problems } satisfies Header;
}
