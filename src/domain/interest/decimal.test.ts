import { describe, expect, it } from 'vitest';
import { addPoints, compareDecimals, formatDecimal, parseDecimal } from './decimal.js';
import { fraction, roundFraction } from './fraction.js';

describe('exact decimals and fractions', () => {
  it('adds percentage points exactly and prints at least two decimals', () => {
    expect(addPoints('5.25', '8')).toBe('13.25');
    expect(addPoints('-0.88', '9')).toBe('8.12');
    expect(addPoints('0.1', '0.2')).toBe('0.30');
    expect(addPoints('1.275', '5')).toBe('6.275');
    expect(formatDecimal(parseDecimal('-0.05'))).toBe('-0.05');
  });

  it('compares decimals of different scales', () => {
    expect(compareDecimals(parseDecimal('10'), parseDecimal('9.99'))).toBe(1);
    expect(compareDecimals(parseDecimal('1.50'), parseDecimal('1.5'))).toBe(0);
  });

  it('rounds a fraction half away from zero, once', () => {
    expect(roundFraction(fraction(1n, 2n))).toBe(1n);
    expect(roundFraction(fraction(-1n, 2n))).toBe(-1n);
    expect(roundFraction(fraction(149n, 100n))).toBe(1n);
    expect(fraction(6n, -4n)).toEqual({ numerator: -3n, denominator: 2n });
  });
});
