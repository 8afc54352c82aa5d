import { isCurrency, minorDigits } from './currencies.js';
import { invalid } from './errors.js';

/**
 * Money is an integer count of the currency's minor unit (cents, pence, yen) plus an ISO 4217 code.
 * Amounts of different currencies are never added; `sameCurrency` guards the places that combine them.
 */
export interface Money {
  amount: bigint;
  currency: string;
}

/** Amounts are stored as PostgreSQL bigint: 2^63 − 1 minor units at most. */
export const MAX_MINOR_UNITS = 2n ** 63n - 1n;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string in major units ("1234.56") into minor units.
 * More decimals than the currency has is an error, never a rounding: "10.005" EUR is refused.
 * `path` names the field in the error.
 */
export function parseAmount(text: string, currency: string, path = 'amount'): bigint {
  if (!isCurrency(currency)) throw invalid('currency', `unknown ISO 4217 currency "${currency}"`);
  const match = DECIMAL.exec(text.trim());
  if (!match) throw invalid(path, `"${text}" is not a decimal amount like 1234.56`);
  const [, sign, whole, fraction = ''] = match;
  const digits = minorDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    throw invalid(path, `"${text}" has more than ${digits} decimals, the most ${currency} allows`);
  }
  const minor = BigInt(whole! + fraction.padEnd(digits, '0').slice(0, digits));
  if (minor > MAX_MINOR_UNITS) throw invalid(path, `"${text}" is larger than Recoup can hold`);
  return sign === '-' ? -minor : minor;
}

/** Same as parseAmount, but zero and negative amounts are refused. */
export function parsePositiveAmount(text: string, currency: string, path = 'amount'): bigint {
  const minor = parseAmount(text, currency, path);
  if (minor <= 0n) throw invalid(path, `must be greater than zero, got "${text}"`);
  return minor;
}

/** Formats minor units as a decimal string in major units with exactly the currency's digits. */
export function formatAmount(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? '.' + text.slice(text.length - digits) : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function money(amount: bigint, currency: string): Money {
  return { amount, currency };
}

export function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`cannot combine ${a.currency} with ${b.currency}`);
}

/**
 * Divides with rounding half away from zero, the usual commercial rounding ("half-up" on magnitudes).
 * Used once, at the end of an exact computation (interest, percentage fees).
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** Sums amounts per currency, keeping currencies apart; the result is sorted by currency code. */
export function totalsByCurrency(items: Iterable<Money>): Money[] {
  const totals = new Map<string, bigint>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + item.amount);
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ amount, currency }));
}
