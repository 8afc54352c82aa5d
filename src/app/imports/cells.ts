import type { Header } from '../../formats/csv/header.js';

/** Each column's position in a row, -1 when the file does not have it. */
export function positions<C extends string>(header: Header, columns: readonly C[]): Record<C, number> {
  return Object.fromEntries(columns.map((column) => [column, header.position.get(column) ?? -1])) as Record<
    C,
    number
  >;
}

/** A cell's text; an empty cell (or a column the file lacks) is "not given". */
export function cellAt(cells: readonly string[], index: number): string | undefined {
  if (index < 0) return undefined;
  const cell = cells[index];
  return cell === '' ? undefined : cell;
}

/** A list column: values separated by `;`, each trimmed, empty ones dropped. */
export function listAt(cells: readonly string[], index: number): string[] | undefined {
  const cell = cellAt(cells, index);
  if (cell === undefined) return undefined;
  return cell
    .split(';')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
