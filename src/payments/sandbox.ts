/**
 * The card provider when none is configured: checkout happens on a page of Recoup's own portal
 * marked "sandbox", so a newcomer can try paying end to end. No money moves anywhere; the page
 * completes the payment itself, so this provider never reports success on its own.
 */
import type { CardPaymentProvider } from './provider.js';

export function sandboxProvider(): CardPaymentProvider {
  return {
    name: 'sandbox',
    async createCheckout(request) {
      return {
        providerId: `sandbox_${request.paymentId}`,
        // The portal's return page shows the sandbox checkout while the payment is pending.
        redirectUrl: request.successUrl,
      };
    },
    async retrieveCheckout() {
      return { status: 'pending' };
    },
    parseWebhook() {
      return null;
    },
  };
}
