/**
 * Two-proportion z-test (pooled), two-sided: is the challenger's cure rate different from the
 * champion's by more than chance? p < 0.05 is the usual bar; below ~30 per side the normal
 * approximation is rough, and the result says so (`small_sample`).
 */
export interface ZTest {
  z: number | null;
  p_value: number | null;
  small_sample: boolean;
}

export function twoProportionZTest(
  successA: number,
  totalA: number,
  successB: number,
  totalB: number,
): ZTest {
  const small = totalA < 30 || totalB < 30;
  if (totalA === 0 || totalB === 0) return { z: null, p_value: null, small_sample: true };
  const pooled = (successA + successB) / (totalA + totalB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  if (se === 0) return { z: null, p_value: null, small_sample: small };
  const z = (successB / totalB - successA / totalA) / se;
  const p = 2 * (1 - normalCdf(Math.abs(z)));
  return { z: round(z, 4), p_value: round(Math.min(1, Math.max(0, p)), 4), small_sample: small };
}

/** Standard normal CDF from erf (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7). */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
