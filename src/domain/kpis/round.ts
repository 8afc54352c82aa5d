/** KPIs are reported with two decimals; null when a denominator is zero (nothing to measure). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function percent(numerator: number, denominator: number): number | null {
  const r = ratio(numerator, denominator);
  return r === null ? null : round2(r * 100);
}
