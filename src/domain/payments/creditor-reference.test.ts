import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  creditorReference,
  creditorReferenceBody,
  formatCreditorReference,
  isCreditorReference,
} from './creditor-reference.js';

describe('ISO 11649 creditor reference', () => {
  it('gives the check digits of the standard’s example and of published references', () => {
    // The example of ISO 11649 itself: reference 539007547034 → RF18 5390 0754 7034.
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    // Letters count as 10–35, as in an IBAN; "RF712348231" is the example of EPC guidance.
    expect(isCreditorReference('RF712348231')).toBe(true);
    expect(creditorReference('2348231')).toBe('RF712348231');
    expect(creditorReference('inv 2024 001')).toBe(creditorReference('INV2024001'));
  });

  it('refuses what is not one', () => {
    expect(isCreditorReference('RF19539007547034')).toBe(false);
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isCreditorReference('XX18539007547034')).toBe(false);
    expect(isCreditorReference('RF18')).toBe(false);
    expect(() => creditorReference('')).toThrow(RangeError);
    expect(() => creditorReference('A'.repeat(22))).toThrow(RangeError);
    expect(() => creditorReference('INV-1')).toThrow(RangeError);
    expect(creditorReferenceBody('RF18539007547034')).toBe('539007547034');
    expect(creditorReferenceBody('RF00539007547034')).toBeNull();
  });

  it('round-trips any body, and a digit or letter replaced by another of its kind is caught', () => {
    const body = fc.stringMatching(/^[0-9A-Z]{1,21}$/);
    fc.assert(
      fc.property(body, fc.nat(), fc.nat(35), (text, at, replacement) => {
        const reference = creditorReference(text);
        expect(isCreditorReference(reference)).toBe(true);
        expect(creditorReferenceBody(reference)).toBe(text);
        const index = 4 + (at % text.length);
        // Same kind only: a letter spells two digits, so swapping a digit for a letter changes the
        // number's length and MOD 97 no longer guarantees to notice; one digit (or one letter)
        // for another changes it by less than 97 times a power of ten, which it always notices.
        const isDigit = /[0-9]/.test(reference[index]!);
        const char = isDigit ? String(replacement % 10) : String.fromCharCode(65 + (replacement % 26));
        if (char === reference[index]) return;
        const altered = reference.slice(0, index) + char + reference.slice(index + 1);
        expect(isCreditorReference(altered)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
