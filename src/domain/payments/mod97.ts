/**
 * ISO 7064 MOD 97-10 over letters and digits (A = 10 … Z = 35), the check behind IBANs and RF
 * creditor references, computed piecewise so no big integers are needed.
 */
export function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** True when the IBAN's check digits are right (spaces and case ignored); not a country-length check. */
export function isValidIban(iban: string): boolean {
  const clean = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$/.test(clean)) return false;
  return mod97(clean.slice(4) + clean.slice(0, 4)) === 1;
}
