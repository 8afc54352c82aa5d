import type { CardPaymentProvider } from './provider.js';
import { sandboxProvider } from './sandbox.js';
import { stripeProvider } from './stripe.js';

/**
 * The card provider from the environment: a Stripe-compatible API when RECOUP_STRIPE_SECRET_KEY
 * is set (RECOUP_STRIPE_URL defaults to https://api.stripe.com, RECOUP_STRIPE_WEBHOOK_SECRET
 * verifies its webhooks), else the built-in sandbox checkout.
 */
export function cardProviderFromEnv(env: NodeJS.ProcessEnv = process.env): CardPaymentProvider {
  const secretKey = env.RECOUP_STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return sandboxProvider();
  const webhookSecret = env.RECOUP_STRIPE_WEBHOOK_SECRET?.trim();
  if (!webhookSecret)
    throw new Error('RECOUP_STRIPE_SECRET_KEY is set, so RECOUP_STRIPE_WEBHOOK_SECRET must be set too');
  return stripeProvider({
    baseUrl: env.RECOUP_STRIPE_URL?.trim() || 'https://api.stripe.com',
    secretKey,
    webhookSecret,
  });
}

/** Base URL of this server as debtors reach it. */
export function publicUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.RECOUP_PUBLIC_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}
