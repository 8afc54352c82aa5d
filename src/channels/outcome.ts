import type { DeliveryOutcome } from './message.js';
import { TemplateError } from './templates/errors.js';

/** A failed delivery. `permanent`: retrying cannot help, so the dispatcher stops trying. */
export function failed(error: string, permanent: boolean, invalidAddress = false): DeliveryOutcome {
  return invalidAddress
    ? { status: 'failed', error, permanent, invalid_address: true }
    : { status: 'failed', error, permanent };
}

/**
 * A message that cannot be rendered fails for good: its template or data will not change by
 * retrying. Anything else thrown while rendering is a bug and is rethrown.
 */
export function renderFailure(error: unknown): DeliveryOutcome {
  if (error instanceof TemplateError) return failed(error.message, true);
  throw error;
}

/** One line naming where a message goes, for summaries and errors. */
export function describeRecipient(to: unknown): string {
  if (typeof to === 'string') return to;
  const address = to as { lines?: string[]; country?: string } | null;
  return address?.lines?.[0] ?? 'an unknown recipient';
}
