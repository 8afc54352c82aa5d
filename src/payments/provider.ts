/**
 * A card payment provider, as the portal uses it: open a hosted checkout for an amount, learn
 * whether it was paid (by asking, or from the provider's signed webhook). Amounts are in minor
 * units of the currency, as Recoup's ledger keeps them.
 */
export interface CheckoutRequest {
  /** Recoup's portal payment id: sent as the provider's idempotency key and metadata. */
  paymentId: string;
  amountMinor: bigint;
  currency: string;
  description: string;
  customerEmail?: string;
  successUrl: string;
  cancelUrl: string;
}

export interface Checkout {
  providerId: string;
  /** Where to send the debtor to pay. */
  redirectUrl: string;
}

export type CheckoutState =
  | { status: 'pending' }
  | { status: 'succeeded'; amountMinor: bigint; currency: string }
  | { status: 'failed'; reason: string };

/** A verified webhook: the checkout it is about and what it says. */
export interface ProviderEvent {
  eventId: string;
  providerId: string;
  paymentId: string | null;
  state: CheckoutState;
}

export interface CardPaymentProvider {
  readonly name: string;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  retrieveCheckout(providerId: string): Promise<CheckoutState>;
  /** Verifies the signature and reads the event; throws `ProviderError` on a bad signature. */
  parseWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
    now: Date,
  ): ProviderEvent | null;
}

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}
