import { invalid } from '../errors.js';

/**
 * An exact decimal number: `digits / 10^scale`. Rates ("5.25", "-0.88", "8") are kept this way so
 * "base rate + 8 points" is exact and prints back as a decimal string.
 */
export interface Decimal {
  digits: bigint;
  scale: number;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

export function parseDecimal(text: string, path = 'rate'): Decimal {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw invalid(path, `"${text}" is not a decimal number like 13.25`);
  const [, sign, whole, fraction = ''] = match;
  const digits = BigInt(whole! + fraction);
  return { digits: sign === '-' ? -digits : digits, scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale);
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { digits: rescale(a, scale) + rescale(b, scale), scale };
}

/** −1, 0 or 1, as `a` is below, equal to or above `b`. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = rescale(a, scale) - rescale(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** "13.25", "8.00", "0.12", "-0.88": at least two decimals, more only when they matter. */
export function formatDecimal(value: Decimal, minDecimals = 2): string {
  let { digits, scale } = value;
  while (scale > minDecimals && digits % 10n === 0n) {
    digits /= 10n;
    scale -= 1;
  }
  if (scale < minDecimals) {
    digits *= 10n ** BigInt(minDecimals - scale);
    scale = minDecimals;
  }
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = scale > 0 ? '.' + text.slice(text.length - scale) : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Adds percentage points to a percent string: addPoints("5.25", "8") = "13.25". */
export function addPoints(percent: string, points: string): string {
  return formatDecimal(addDecimals(parseDecimal(percent), parseDecimal(points)));
}
