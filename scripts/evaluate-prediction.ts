/**
 * `npx tsx scripts/evaluate-prediction.ts [file]`: the payment-delay model's time-based
 * evaluation on the IBM AR history (train 2012, test 2013) against two baselines, as JSON.
 * Skips cleanly (exit 0) when the file is absent; it may not be copied into the project.
 */
import { readIbmHistory, IBM_HISTORY_FILE } from '../src/app/analytics/ibm-file.js';
import { evaluateOnHistory } from '../src/domain/prediction/evaluate.js';

const file = process.argv[2] ?? IBM_HISTORY_FILE;
const invoices = await readIbmHistory(file);
if (!invoices) {
  console.log(`skipped: ${file} is not here`);
} else {
  const result = evaluateOnHistory(invoices, '2012', '2013');
  console.log(JSON.stringify({ file, invoices: invoices.length, ...result }, null, 2));
}
