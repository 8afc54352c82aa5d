/** Evaluation metrics: mean absolute error and the area under the ROC curve. */

export function meanAbsoluteError(predicted: readonly number[], actual: readonly number[]): number {
  if (predicted.length !== actual.length || predicted.length === 0)
    throw new RangeError('need equal, non-empty lists');
  return predicted.reduce((sum, p, i) => sum + Math.abs(p - actual[i]!), 0) / predicted.length;
}

/**
 * AUC: the probability that a random positive scores above a random negative, ties counting
 * half (the Mann–Whitney U statistic over both counts). Null without both classes.
 */
export function areaUnderCurve(scores: readonly number[], positive: readonly boolean[]): number | null {
  const items = scores
    .map((score, i) => ({ score, positive: positive[i]! }))
    .sort((a, b) => a.score - b.score);
  const positives = items.filter((i) => i.positive).length;
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return null;
  // Average ranks over ties.
  let rankSum = 0;
  for (let start = 0; start < items.length;) {
    let end = start;
    while (end + 1 < items.length && items[end + 1]!.score === items[start]!.score) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) if (items[i]!.positive) rankSum += rank;
    start = end + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
