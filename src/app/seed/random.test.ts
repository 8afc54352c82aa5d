import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new Random(seed).next());
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('forks streams that do not depend on how much of the parent was used', () => {
    const fresh = new Random(7);
    const used = new Random(7);
    used.next();
    used.next();
    expect(fresh.fork('customer:3').next()).toBe(used.fork('customer:3').next());
    expect(fresh.fork('customer:3').next()).not.toBe(fresh.fork('customer:4').next());
  });

  it('stays in range and roughly follows the weights', () => {
    const rng = new Random(1);
    const ints = Array.from({ length: 1000 }, () => rng.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    const picks = Array.from({ length: 10_000 }, () =>
      rng.weighted([
        ['a', 3],
        ['b', 1],
      ] as const),
    );
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
  });

  it('draws log-normal values around the median', () => {
    const rng = new Random(5);
    const values = Array.from({ length: 5001 }, () => rng.logNormal(100, 0.5)).sort((a, b) => a - b);
    expect(values[2500]).toBeGreaterThan(95);
    expect(values[2500]).toBeLessThan(105);
    expect(values.every((v) => v > 0)).toBe(true);
  });
});
