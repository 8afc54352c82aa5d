/**
 * Time-based evaluation of the delay model on a paid history (the IBM file): train on invoices
 * issued in one year, predict those of the next as at their issue, and compare with two
 * baselines: "paid on the due date" and "the customer's past average delay".
 */
import { addDays, daysBetween } from '../dates.js';
import { predictPayment, trainDelayModel, type PaidHistoryItem } from './delay-model.js';
import type { IbmInvoice } from './ibm-history.js';
import { areaUnderCurve, meanAbsoluteError } from './metrics.js';

export interface Evaluation {
  train: number;
  test: number;
  mae_days: { model: number; model_without_dispute_flag: number; due_date: number; customer_average: number };
  /** AUC of P(paid by the due date) for "paid on time", and of P(paid within 30 days after due). */
  auc_on_time: { model: number | null; due_date: number | null; customer_average: number | null };
  auc_within_30_days: { model: number | null; customer_average: number | null };
  late_share_test: number;
  over_30_days_late_test: number;
}

export function evaluateOnHistory(
  invoices: readonly IbmInvoice[],
  trainYear: string,
  testYear: string,
): Evaluation {
  const train = invoices.filter((i) => i.invoiceDate.startsWith(trainYear));
  const test = invoices.filter((i) => i.invoiceDate.startsWith(testYear));
  const history = (withDispute: boolean): PaidHistoryItem[] =>
    train.map((i) => ({
      customerId: i.customerId,
      dueDate: i.dueDate,
      paidOn: i.settledDate,
      disputed: withDispute && i.disputed,
    }));
  const model = trainDelayModel(history(true));
  const plain = trainDelayModel(history(false));
  const actual = test.map((i) => daysBetween(i.dueDate, i.settledDate));
  const predict = (m: typeof model, i: IbmInvoice, disputed: boolean) =>
    predictPayment(m, { customerId: i.customerId, dueDate: i.dueDate, disputed }, addDays(i.invoiceDate, -1));
  const predictions = test.map((i) => predict(model, i, i.disputed));
  const plainPredictions = test.map((i) => predict(plain, i, false));

  const averages = new Map<string, { sum: number; n: number }>();
  for (const i of train) {
    const a = averages.get(i.customerId) ?? { sum: 0, n: 0 };
    a.sum += daysBetween(i.dueDate, i.settledDate);
    a.n++;
    averages.set(i.customerId, a);
  }
  const orgAverage =
    train.reduce((s, i) => s + daysBetween(i.dueDate, i.settledDate), 0) / Math.max(1, train.length);
  const customerAverage = test.map((i) => {
    const a = averages.get(i.customerId);
    return a ? a.sum / a.n : orgAverage;
  });
  const onTime = actual.map((d) => d <= 0);
  const within30 = actual.map((d) => d <= 30);
  return {
    train: train.length,
    test: test.length,
    mae_days: {
      model: round(
        meanAbsoluteError(
          predictions.map((p) => p.expected_delay_days),
          actual,
        ),
      ),
      model_without_dispute_flag: round(
        meanAbsoluteError(
          plainPredictions.map((p) => p.expected_delay_days),
          actual,
        ),
      ),
      due_date: round(
        meanAbsoluteError(
          actual.map(() => 0),
          actual,
        ),
      ),
      customer_average: round(meanAbsoluteError(customerAverage, actual)),
    },
    auc_on_time: {
      model: roundOrNull(
        areaUnderCurve(
          predictions.map((p) => p.probability_on_time),
          onTime,
        ),
      ),
      due_date: roundOrNull(
        areaUnderCurve(
          actual.map(() => 1),
          onTime,
        ),
      ),
      customer_average: roundOrNull(
        areaUnderCurve(
          customerAverage.map((a) => -a),
          onTime,
        ),
      ),
    },
    auc_within_30_days: {
      model: roundOrNull(
        areaUnderCurve(
          predictions.map((p) => p.probability_within_30_days),
          within30,
        ),
      ),
      customer_average: roundOrNull(
        areaUnderCurve(
          customerAverage.map((a) => -a),
          within30,
        ),
      ),
    },
    late_share_test: round(actual.filter((d) => d > 0).length / Math.max(1, actual.length)),
    over_30_days_late_test: actual.filter((d) => d > 30).length,
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const roundOrNull = (v: number | null) => (v === null ? null : round(v));
