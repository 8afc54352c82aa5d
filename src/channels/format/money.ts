import { minorDigits } from '../../domain/currencies.js';
import { formatAmount, parseAmount } from '../../domain/money.js';
import type { MoneyFigure } from '../message.js';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let found = formatters.get(key);
  if (!found) {
    const digits = minorDigits(currency);
    // The ISO 4217 digits, not CLDR's: an amount is always shown with exactly the digits it is kept in.
    found = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, found);
  }
  return found;
}

/**
 * Formats a decimal-string amount for a locale: ("1234.56", EUR) → "€1,234.56" in `en`,
 * "1.234,56 €" in `de`. The amount never becomes a float: it is checked against the currency's
 * digits (more decimals is an error, never a rounding) and handed to Intl as a string, which Intl
 * formats exactly.
 */
export function formatMoney(figure: MoneyFigure, locale: string): string {
  const minor = parseAmount(figure.amount, figure.currency);
  // Intl.NumberFormat.format takes a decimal string and formats it exactly (ES2023, Node 20).
  return formatter(locale, figure.currency).format(formatAmount(minor, figure.currency) as `${number}`);
}

const listFormats = new Map<string, Intl.ListFormat>();

/** Several amounts as one phrase: "€1,200.00 and $300.00". */
export function formatMoneyList(figures: MoneyFigure[], locale: string): string {
  let list = listFormats.get(locale);
  if (!list) {
    list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    listFormats.set(locale, list);
  }
  return list.format(figures.map((figure) => formatMoney(figure, locale)));
}
