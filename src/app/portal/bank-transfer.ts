/**
 * How to pay by bank transfer: the organisation's account, an ISO 11649 creditor reference
 * that names the customer (so the payment is matched without the debtor typing invoice
 * numbers), and for euro amounts an EPC QR code a banking app can scan.
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { creditorReference } from '../../domain/payments/creditor-reference.js';
import { epcQrPayload } from '../../domain/payments/epc-qr.js';
import { formatAmount } from '../../domain/money.js';
import type { Ctx } from '../context.js';

export interface TransferDetails {
  currency: string;
  amount: bigint;
  accountName: string | null;
  iban: string | null;
  bic: string | null;
  reference: string;
  /** SVG of the EPC QR code (euros and a configured IBAN only). */
  qrSvg: string | null;
}

/**
 * The customer's creditor reference: their external id when it fits (letters and digits only,
 * at most 21), else 21 characters of a hash of their id, which cash application can look up.
 */
export function customerReference(customer: { id: string; externalId: string }): string {
  const plain = customer.externalId.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  if (plain.length >= 1 && plain.length <= 21) return creditorReference(plain);
  const hashed = BigInt(`0x${createHash('sha256').update(customer.id).digest('hex').slice(0, 26)}`)
    .toString(36)
    .toUpperCase()
    .slice(0, 21);
  return creditorReference(hashed);
}

export async function transferDetails(
  ctx: Ctx,
  customer: { id: string; externalId: string },
  currency: string,
  amount: bigint,
): Promise<TransferDetails> {
  const account = ctx.settings.bank_account;
  const reference = customerReference(customer);
  let qrSvg: string | null = null;
  if (account && currency === 'EUR' && amount > 0n) {
    const payload = epcQrPayload({
      beneficiaryName: account.account_name,
      iban: account.iban,
      ...(account.bic && { bic: account.bic }),
      amountCents: amount,
      reference,
    });
    qrSvg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }
  return {
    currency,
    amount,
    accountName: account?.account_name ?? null,
    iban: account?.iban ?? null,
    bic: account?.bic ?? null,
    reference,
    qrSvg,
  };
}

export function transferAmountText(details: TransferDetails): string {
  return `${formatAmount(details.amount, details.currency)} ${details.currency}`;
}
