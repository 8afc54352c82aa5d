import { describe, expect, it } from 'vitest';
import { epcQrPayload } from './epc-qr.js';
import { isValidIban } from './mod97.js';

describe('EPC QR payload', () => {
  it('writes the lines of version 002 with a structured reference', () => {
    expect(
      epcQrPayload({
        beneficiaryName: 'Musterfirma GmbH',
        iban: 'DE02 1203 0000 0000 2020 51',
        bic: 'BYLADEM1001',
        amountCents: 123456n,
        reference: 'RF18 5390 0754 7034',
      }),
    ).toBe(
      [
        'BCD',
        '002',
        '1',
        'SCT',
        'BYLADEM1001',
        'Musterfirma GmbH',
        'DE02120300000000202051',
        'EUR1234.56',
        '',
        'RF18539007547034',
      ].join('\n'),
    );
  });

  it('leaves the BIC line empty and keeps a text in the unstructured field', () => {
    const lines = epcQrPayload({
      beneficiaryName: 'Red Cross of Belgium',
      iban: 'BE72000000001616',
      amountCents: 5n,
      text: 'Invoice 2024-001',
    }).split('\n');
    expect(lines[4]).toBe('');
    expect(lines[7]).toBe('EUR0.05');
    expect(lines[9]).toBe('');
    expect(lines[10]).toBe('Invoice 2024-001');
  });

  it('refuses what a bank app would refuse, naming the field', () => {
    const base = { beneficiaryName: 'A', iban: 'DE02120300000000202051' };
    expect(() => epcQrPayload({ ...base, iban: 'DE03120300000000202051' })).toThrow(/^iban:/);
    expect(() => epcQrPayload({ ...base, amountCents: 0n })).toThrow(/^amount:/);
    expect(() => epcQrPayload({ ...base, amountCents: 100_000_000_000n })).toThrow(/^amount:/);
    expect(() => epcQrPayload({ ...base, reference: 'RF19539007547034' })).toThrow(/^reference:/);
    expect(() => epcQrPayload({ ...base, reference: 'RF18539007547034', text: 'x' })).toThrow(/^text:/);
    expect(() => epcQrPayload({ ...base, beneficiaryName: 'x'.repeat(71) })).toThrow(/^beneficiary_name:/);
    expect(() => epcQrPayload({ ...base, bic: 'NOTABIC' })).toThrow(/^bic:/);
  });

  it('checks IBANs with MOD 97', () => {
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
  });
});
