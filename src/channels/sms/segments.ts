/**
 * How many SMS a text takes. GSM-7 (the default alphabet of 3GPP TS 23.038) packs 160 septets
 * into one message, or 153 per part once it is split (the rest holds the concatenation header);
 * characters of the extension table ({ } [ ] ~ \ | ^ € and form feed) take two septets, an escape
 * and the character, and are never split across parts. Any other character makes the whole text
 * UCS-2: 70 UTF-16 code units in one message, 67 per part, a surrogate pair never split.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units that fit in each segment at this length: 160/153 or 70/67. */
  perSegment: number;
}

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

function isGsm(text: string): boolean {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) return false;
  return true;
}

/** Packs characters of the given sizes into parts of `capacity` units without splitting any. */
function partsNeeded(sizes: number[], capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > capacity) {
      parts++;
      used = 0;
    }
    used += size;
  }
  return parts;
}

export function countSmsSegments(text: string): SmsSegments {
  const gsm = isGsm(text);
  // Iterating a string yields code points: a surrogate pair is one character of 2 code units.
  const sizes = [...text].map((char) => (gsm ? (GSM_EXTENSION.has(char) ? 2 : 1) : char.length));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units === 0) return { encoding, units, segments: 0, perSegment: single };
  if (units <= single) return { encoding, units, segments: 1, perSegment: single };
  return { encoding, units, segments: partsNeeded(sizes, multi), perSegment: multi };
}
