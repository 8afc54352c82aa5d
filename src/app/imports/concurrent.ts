import { RecoupError } from '../../domain/errors.js';

/**
 * Runs a bulk insert of keys this import looked up in its own transaction: only another import,
 * committed since, can have taken one. The transaction is then lost, so the whole import fails
 * with a conflict; running it again is safe.
 */
export async function insertingKeys(what: string, insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new RecoupError(
      'conflict',
      'concurrent_import',
      `another import created some of these ${what} at the same time; import the file again`,
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
