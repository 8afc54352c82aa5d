/**
 * A weighted sample of numbers (payment delays in days): the customer's own invoices weigh 1
 * each, the organisation's spread the prior weight between them.
 */
export interface Weighted {
  value: number;
  weight: number;
}

/** The smallest value at which the cumulative weight reaches half: minimises the absolute error. */
export function weightedMedian(sample: readonly Weighted[]): number | null {
  const sorted = [...sample].filter((s) => s.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, s) => sum + s.weight, 0);
  if (total === 0) return null;
  let cumulative = 0;
  for (const s of sorted) {
    cumulative += s.weight;
    if (cumulative >= total / 2 - 1e-12) return s.value;
  }
  return sorted.at(-1)!.value;
}

/** Share of the weight on values satisfying `test`, among those satisfying `given`. */
export function weightedShare(
  sample: readonly Weighted[],
  test: (value: number) => boolean,
  given: (value: number) => boolean = () => true,
): number | null {
  let total = 0;
  let hit = 0;
  for (const s of sample) {
    if (!given(s.value)) continue;
    total += s.weight;
    if (test(s.value)) hit += s.weight;
  }
  return total === 0 ? null : hit / total;
}
