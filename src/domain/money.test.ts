import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divideRounded, formatAmount, parseAmount, totalsByCurrency } from './money.js';
import { RecoupError } from './errors.js';

describe('parseAmount', () => {
  it.each([
    ['1234.56', 'EUR', 123456n],
    ['1234.5', 'EUR', 123450n],
    ['1234', 'EUR', 123400n],
    ['0.10', 'USD', 10n],
    ['1500', 'JPY', 1500n],
    ['1.000', 'JPY', 1n],
    ['12.345', 'KWD', 12345n],
    ['-5.00', 'GBP', -500n],
    ['0001.20', 'EUR', 120n],
  ])('%s %s is %s minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it.each([
    ['10.005', 'EUR', 'more than 2 decimals'],
    ['1.5', 'JPY', 'more than 0 decimals'],
    ['12.3456', 'KWD', 'more than 3 decimals'],
    ['1,234.56', 'EUR', 'not a decimal amount'],
    ['', 'EUR', 'not a decimal amount'],
    ['1e3', 'EUR', 'not a decimal amount'],
  ])('refuses %s %s', (text, currency, message) => {
    expect(() => parseAmount(text, currency, 'total')).toThrow(message);
    try {
      parseAmount(text, currency, 'total');
    } catch (error) {
      expect((error as RecoupError).details[0]?.path).toBe('total');
    }
  });

  it('refuses an unknown currency, naming the currency field', () => {
    expect(() => parseAmount('1.00', 'EUX')).toThrow(/currency/);
  });
});

describe('formatAmount', () => {
  it.each([
    [123456n, 'EUR', '1234.56'],
    [5n, 'EUR', '0.05'],
    [-5n, 'EUR', '-0.05'],
    [1500n, 'JPY', '1500'],
    [12345n, 'KWD', '12.345'],
    [0n, 'BHD', '0.000'],
  ])('%s %s is %s', (minor, currency, text) => {
    expect(formatAmount(minor, currency)).toBe(text);
  });

  it('round-trips with parseAmount for every currency kind', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'),
        (minor, currency) => {
          expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
        },
      ),
    );
  });
});

describe('divideRounded', () => {
  it('rounds half away from zero', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(149n, 100n)).toBe(1n);
    expect(divideRounded(150n, 100n)).toBe(2n);
  });
});

describe('totalsByCurrency', () => {
  it('never mixes currencies', () => {
    expect(
      totalsByCurrency([
        { amount: 100n, currency: 'EUR' },
        { amount: 5n, currency: 'USD' },
        { amount: 50n, currency: 'EUR' },
      ]),
    ).toEqual([
      { amount: 150n, currency: 'EUR' },
      { amount: 5n, currency: 'USD' },
    ]);
  });
});
