/**
 * ISO 11649 structured creditor reference ("RF" + two check digits + up to 21 letters and
 * digits), the reference a debtor types or scans with a SEPA transfer. The check digits are
 * ISO 7064 MOD 97-10, as in an IBAN: letters count as 10–35, and the whole number with "RF00"
 * moved to the end gives 98 minus the check digits modulo 97.
 */
import { mod97 } from './mod97.js';

const BODY = /^[0-9A-Z]{1,21}$/;

/** The RF reference for `body` (letters and digits; spaces and case ignored). */
export function creditorReference(body: string): string {
  const clean = body.replace(/\s+/g, '').toUpperCase();
  if (!BODY.test(clean))
    throw new RangeError(`a creditor reference holds 1 to 21 letters or digits, not "${body}"`);
  const check = 98 - mod97(`${clean}RF00`);
  return `RF${String(check).padStart(2, '0')}${clean}`;
}

/** True when `reference` is a well-formed RF reference with the right check digits. */
export function isCreditorReference(reference: string): boolean {
  const clean = reference.replace(/\s+/g, '').toUpperCase();
  if (!/^RF[0-9]{2}[0-9A-Z]{1,21}$/.test(clean)) return false;
  return mod97(clean.slice(4) + clean.slice(0, 4)) === 1;
}

/** Groups of four for print ("RF18 5390 0754 7034"), as the standard recommends. */
export function formatCreditorReference(reference: string): string {
  return reference.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The reference's own part, without "RF" and the check digits; null when it is not one. */
export function creditorReferenceBody(reference: string): string | null {
  return isCreditorReference(reference) ? reference.replace(/\s+/g, '').toUpperCase().slice(4) : null;
}
