import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyList } from './money.js';

// Intl separators include no-break spaces; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it.each([
    ['en', '1234.56', 'EUR', '€1,234.56'],
    ['de', '1234.56', 'EUR', '1.234,56 €'],
    ['fr', '1234.5', 'EUR', '1 234,50 €'],
    ['en', '0.1', 'USD', '$0.10'],
    ['en', '-20', 'GBP', '-£20.00'],
    ['en', '1234', 'JPY', '¥1,234'],
    ['de', '1.235', 'KWD', '1,235 KWD'],
    ['en-GB', '12', 'USD', 'US$12.00'],
    // Beyond 2^53: a float would print ...758.08 or worse.
    ['en', '92233720368547758.07', 'USD', '$92,233,720,368,547,758.07'],
    ['de', '90071992547409.93', 'EUR', '90.071.992.547.409,93 €'],
  ])('%s %s %s → %s', (locale, amount, currency, expected) => {
    expect(plain(formatMoney({ amount, currency }, locale))).toBe(expected);
  });

  it('refuses more decimals than the currency has rather than rounding', () => {
    expect(() => formatMoney({ amount: '10.005', currency: 'EUR' }, 'en')).toThrow(/more than 2 decimals/);
    expect(() => formatMoney({ amount: '1.5', currency: 'JPY' }, 'en')).toThrow(/more than 0 decimals/);
  });

  it('refuses what is not an amount or not a currency', () => {
    expect(() => formatMoney({ amount: '1e3', currency: 'EUR' }, 'en')).toThrow(/not a decimal amount/);
    expect(() => formatMoney({ amount: '1', currency: 'XXX' }, 'en')).toThrow(/unknown ISO 4217/);
  });

  it('joins several currencies as one phrase in the locale', () => {
    const totals = [
      { amount: '1200', currency: 'EUR' },
      { amount: '300', currency: 'USD' },
    ];
    expect(formatMoneyList(totals, 'en')).toBe('€1,200.00 and $300.00');
    expect(plain(formatMoneyList(totals, 'de'))).toBe('1.200,00 € und 300,00 $');
    expect(formatMoneyList([totals[0]!], 'en')).toBe('€1,200.00');
  });
});
