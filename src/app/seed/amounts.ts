import { minorDigits } from '../../domain/currencies.js';

/** Rough units per euro, so a customer's typical invoice means the same in every currency. */
const PER_EURO: Record<string, number> = { EUR: 1, GBP: 0.86, USD: 1.08, CHF: 0.95, SEK: 11.5, JPY: 160 };

export function perEuro(currency: string): number {
  return PER_EURO[currency] ?? 1;
}

/**
 * Minor units for an amount given in euros, in `currency`. With `round`, a "nice" price: whole
 * units, or hundreds where a unit is small (JPY, SEK list prices end in 00 or 0).
 */
export function minorFromEuros(euros: number, currency: string, round = false): bigint {
  const major = euros * perEuro(currency);
  const scale = 10 ** minorDigits(currency);
  if (round) {
    const step = perEuro(currency) >= 50 ? 100 : perEuro(currency) >= 5 ? 10 : 1;
    return BigInt(Math.max(1, Math.round(major / step)) * step * scale);
  }
  return BigInt(Math.max(1, Math.round(major * scale)));
}

/** Rounds minor units down to whole major units (people pay round sums), never below one unit. */
export function wholeUnits(minor: bigint, currency: string): bigint {
  const scale = 10n ** BigInt(minorDigits(currency));
  const whole = (minor / scale) * scale;
  return whole > 0n ? whole : scale;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
