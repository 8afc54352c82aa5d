import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateOnHistory } from '../../domain/prediction/evaluate.js';
import { IBM_HISTORY_FILE, readIbmHistory } from './ibm-file.js';

// The IBM sample may not be redistributed: these tests run where the shared file is, and skip elsewhere.
describe.skipIf(!existsSync(IBM_HISTORY_FILE))('the IBM AR history file', () => {
  it('holds the published figures: 2,466 invoices, 877 paid late, 100 customers', async () => {
    const invoices = (await readIbmHistory())!;
    expect(invoices).toHaveLength(2466);
    expect(invoices.filter((i) => i.daysLate > 0)).toHaveLength(877);
    expect(new Set(invoices.map((i) => i.customerId)).size).toBe(100);
    // Its DaysLate column is our days late: settled − due, 0 when on time.
    for (const i of invoices) {
      const late = Math.max(0, (Date.parse(i.settledDate) - Date.parse(i.dueDate)) / 86_400_000);
      expect(late).toBe(i.daysLate);
    }
    expect(invoices.find((i) => i.number === '0000611365')?.invoiceDate).toBe('2013-01-02');
  });

  it('trained on 2012, the model beats both baselines on 2013 (MAE in days)', async () => {
    const result = evaluateOnHistory((await readIbmHistory())!, '2012', '2013');
    expect(result.train + result.test).toBe(2466);
    expect(result.mae_days.model).toBeLessThan(result.mae_days.due_date);
    expect(result.mae_days.model).toBeLessThan(result.mae_days.customer_average);
    // Without the dispute flag too: customer history alone already does better.
    expect(result.mae_days.model_without_dispute_flag).toBeLessThan(result.mae_days.customer_average);
    expect(result.auc_on_time.model!).toBeGreaterThan(0.5);
  });
});
