import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks the X-Twilio-Signature of a webhook: base64 HMAC-SHA1, keyed with the auth token, of the
 * full URL the provider called followed by every POST parameter name and value, names sorted.
 * Without it anyone could post "STOP" (or "START") for any number.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

export function verifyTwilioSignature(input: {
  authToken: string;
  url: string;
  params: Record<string, string>;
  signature: string | undefined;
}): boolean {
  if (!input.signature) return false;
  const expected = Buffer.from(twilioSignature(input.authToken, input.url, input.params));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
