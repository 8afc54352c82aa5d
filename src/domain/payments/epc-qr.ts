/**
 * The text of an EPC QR code (EPC069-12, "SEPA credit transfer QR code", version 002): the
 * lines a banking app reads to fill in a transfer. Only euros; a structured RF reference and a
 * free-text remittance are mutually exclusive; at most 331 bytes in all.
 */
import { isValidIban } from './mod97.js';
import { isCreditorReference } from './creditor-reference.js';

export interface EpcTransfer {
  beneficiaryName: string;
  iban: string;
  /** Optional within the EEA (version 002). */
  bic?: string;
  /** Amount in cents; 1 to 99,999,999,999. */
  amountCents?: bigint;
  /** ISO 11649 reference; when given, `text` must be absent. */
  reference?: string;
  /** Unstructured remittance information, at most 140 characters. */
  text?: string;
}

export class EpcQrError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const MAX_BYTES = 331;

export function epcQrPayload(transfer: EpcTransfer): string {
  const name = transfer.beneficiaryName.trim();
  if (name.length < 1 || name.length > 70)
    throw new EpcQrError('beneficiary_name', 'must be 1 to 70 characters');
  const iban = transfer.iban.replace(/\s+/g, '').toUpperCase();
  if (!isValidIban(iban)) throw new EpcQrError('iban', `"${transfer.iban}" is not a valid IBAN`);
  const bic = transfer.bic?.replace(/\s+/g, '').toUpperCase() ?? '';
  if (bic && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic))
    throw new EpcQrError('bic', `"${transfer.bic}" is not a BIC`);
  let amount = '';
  if (transfer.amountCents !== undefined) {
    const cents = transfer.amountCents;
    if (cents < 1n || cents > 99_999_999_999n)
      throw new EpcQrError('amount', 'must be between 0.01 and 999999999.99 EUR');
    amount = `EUR${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  }
  const reference = transfer.reference?.replace(/\s+/g, '').toUpperCase() ?? '';
  if (reference && !isCreditorReference(reference))
    throw new EpcQrError('reference', `"${transfer.reference}" is not an ISO 11649 creditor reference`);
  const text = transfer.text?.trim() ?? '';
  if (reference && text)
    throw new EpcQrError('text', 'give either a structured reference or a text, not both');
  if (text.length > 140) throw new EpcQrError('text', 'must be at most 140 characters');
  if (/[\r\n]/.test(name + text)) throw new EpcQrError('text', 'must be on one line');

  const lines = ['BCD', '002', '1', 'SCT', bic, name, iban, amount, '', reference, text];
  // Trailing empty fields may be left out.
  while (lines.at(-1) === '') lines.pop();
  const payload = lines.join('\n');
  if (Buffer.byteLength(payload, 'utf8') > MAX_BYTES)
    throw new EpcQrError('text', `the code would hold more than ${MAX_BYTES} bytes`);
  return payload;
}
