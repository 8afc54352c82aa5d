import type { z } from 'zod';
import { RecoupError } from '../../domain/errors.js';

/** What is wrong with one cell (or, with an empty field, with the row as a whole). */
export interface Problem {
  field: string;
  message: string;
}

/**
 * The CSV column a schema or rule path points at: `issue_date`, `terms.discount_days` (a flat
 * `discount_days` column in CSV) and `time_zones[0]` / ['time_zones', 0] (a `;` list) all
 * name their last named part.
 */
export function columnOf(path: string | readonly PropertyKey[]): string {
  const parts = typeof path === 'string' ? path.split(/[.[\]]/) : path.map(String);
  const named = parts.filter((part) => part !== '' && !/^\d+$/.test(part));
  return named.at(-1) ?? '';
}

/** Zod issues as cell problems; a value the row did not give is simply "required". */
export function zodProblems(error: z.ZodError, input: Record<string, unknown>): Problem[] {
  return error.issues.map((issue) => {
    const field = columnOf(issue.path);
    const missing = issue.code === 'invalid_type' && issue.path.length === 1 && input[field] === undefined;
    return { field, message: missing ? 'is required' : issue.message };
  });
}

/** A rule's RecoupError (validateInvoice, parseAmount...) as cell problems; anything else is rethrown. */
export function recoupProblems(error: unknown): Problem[] {
  if (!(error instanceof RecoupError) || error.kind === 'conflict') throw error;
  if (error.details.length === 0) return [{ field: '', message: error.message }];
  return error.details.map((detail) => ({ field: columnOf(detail.path), message: detail.message }));
}
