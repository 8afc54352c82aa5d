/**
 * The IBM AR history sample (shared/data/ar-history), read for the prediction evaluation only:
 * its licence keeps it out of the project, so callers skip cleanly when it is absent.
 */
import { createReadStream, existsSync } from 'node:fs';
import { parseIbmHistory, type IbmInvoice } from '../../domain/prediction/ibm-history.js';
import { readCsv } from '../../formats/csv/reader.js';

export const IBM_HISTORY_FILE =
  process.env.RECOUP_IBM_HISTORY ?? '/work/shared/data/ar-history/ibm-late-payment-histories.csv';

export async function readIbmHistory(path = IBM_HISTORY_FILE): Promise<IbmInvoice[] | null> {
  if (!existsSync(path)) return null;
  const rows: string[][] = [];
  for await (const batch of readCsv(createReadStream(path), { batchSize: 1000 }))
    for (const record of batch) rows.push(record.cells);
  return parseIbmHistory(rows);
}
