/**
 * Addresses as preferences store them and compare them: email addresses trimmed and in lower
 * case, phone numbers as `+` and digits (E.164). The compliance module compares numbers by
 * their digits, so a number stored here matches the same number in a contact or an action.
 */
import type { Channel } from '../../domain/compliance/index.js';

export type PreferenceChannel = Channel | 'phone_automated';

export function normaliseAddress(channel: PreferenceChannel, address: string): string {
  if (channel === 'email') return address.trim().toLowerCase();
  if (channel === 'letter' || channel === 'visit') return address.trim();
  const digits = address.replace(/\D/g, '');
  return address.trim().startsWith('+') ? `+${digits}` : digits;
}

/** The `contacts.channel` an address of this preference channel lives in. */
export function contactChannelOf(channel: PreferenceChannel): 'email' | 'phone' | null {
  if (channel === 'email') return 'email';
  if (channel === 'sms' || channel === 'phone' || channel === 'phone_automated') return 'phone';
  return null;
}

/** The same address, whatever its formatting (emails without case, numbers by digits alone). */
export function sameAddress(a: string, b: string): boolean {
  if (a.includes('@') || b.includes('@')) return a.trim().toLowerCase() === b.trim().toLowerCase();
  return a.replace(/\D/g, '') === b.replace(/\D/g, '');
}
