import { describe, expect, it } from 'vitest';
import { normalCdf, twoProportionZTest } from './significance.js';

describe('two-proportion z-test', () => {
  it('matches a hand computation', () => {
    // 30 of 100 cured (champion) against 45 of 100 (challenger): pooled p = 0.375,
    // se = √(0.375 × 0.625 × 2/100) = 0.068465, z = 0.15 / se = 2.1909, two-sided p = 0.02846
    // (checked with scipy.stats.norm).
    expect(twoProportionZTest(30, 100, 45, 100)).toEqual({ z: 2.1909, p_value: 0.0285, small_sample: false });
  });

  it('is symmetric and flags small samples', () => {
    expect(twoProportionZTest(45, 100, 30, 100).z).toBe(-2.1909);
    expect(twoProportionZTest(3, 10, 5, 10).small_sample).toBe(true);
  });

  it('has nothing to say without data or variance', () => {
    expect(twoProportionZTest(0, 0, 1, 2).p_value).toBeNull();
    expect(twoProportionZTest(5, 5, 10, 10).z).toBeNull();
  });

  it.each([
    [0, 0.5],
    [1.96, 0.975],
    [-1.6449, 0.05],
  ])('Φ(%d) ≈ %d', (x, p) => expect(normalCdf(x)).toBeCloseTo(p, 4));
});
