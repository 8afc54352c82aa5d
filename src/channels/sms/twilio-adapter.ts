import type { Db } from '../../store/database.js';
import type { ChannelAdapter } from '../adapter.js';
import type { DeliveryOutcome, OutboundMessage } from '../message.js';
import { failed, renderFailure } from '../outcome.js';
import { renderMessage, type RenderOptions } from '../templates/render.js';
import { countSmsSegments } from './segments.js';

export const TWILIO_BASE_URL = 'https://api.twilio.com';
/** Twilio refuses longer bodies. */
export const MAX_SMS_LENGTH = 1600;
const E164 = /^\+[1-9]\d{6,14}$/;

export interface TwilioOptions extends RenderOptions {
  /** Base URL of a Twilio-compatible API (default https://api.twilio.com). */
  baseUrl?: string;
  accountSid: string;
  authToken: string;
  /** Sender: an E.164 number, an alphanumeric sender id, or a Messaging Service SID (MG…). */
  from: string;
  /** Called back by the provider with delivery status updates, when set. */
  statusCallback?: string;
  /** Milliseconds to wait for the provider (default 15 000). */
  timeoutMs?: number;
}

interface TwilioErrorBody {
  code?: number;
  message?: string;
}

/**
 * Classifies a provider refusal. 400/422 mean this message can never be accepted as it is
 * (21211 invalid number, 21610 recipient unsubscribed, 21614 not a mobile number…): permanent.
 * 401/403/404 are the account's configuration, 429 and 5xx the provider's load: retry later.
 */
/** Twilio errors that say the number cannot take texts at all (invalid, not mobile, unroutable). */
const DEAD_NUMBER_CODES = new Set([21211, 21214, 21612, 21614]);

function refusal(status: number, body: TwilioErrorBody): DeliveryOutcome {
  const detail = `${body.code !== undefined ? ` (${body.code})` : ''}: ${body.message ?? 'no message'}`;
  const permanent = status === 400 || status === 422;
  return failed(
    `SMS provider answered ${status}${detail}`,
    permanent,
    permanent && DEAD_NUMBER_CODES.has(Number(body.code)),
  );
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * SMS through a Twilio-compatible HTTP API: `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`
 * with form fields To, From (or MessagingServiceSid) and Body, basic auth sid:token.
 */
export function createTwilioAdapter(options: TwilioOptions): ChannelAdapter {
  const base = (options.baseUrl ?? TWILIO_BASE_URL).replace(/\/+$/, '');
  const endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const senderField = options.from.startsWith('MG') ? 'MessagingServiceSid' : 'From';

  return {
    channel: 'sms',
    name: 'twilio',
    mode: 'external',
    async send(message: OutboundMessage, _db: Db): Promise<DeliveryOutcome> {
      if (typeof message.to !== 'string' || !E164.test(message.to)) {
        return failed(`an SMS needs an E.164 phone number, got ${JSON.stringify(message.to)}`, true);
      }
      let text: string;
      try {
        text = (await renderMessage(message, options)).text;
      } catch (error) {
        return renderFailure(error);
      }
      if (text.length === 0 || text.length > MAX_SMS_LENGTH) {
        const { segments } = countSmsSegments(text);
        return failed(
          `the SMS text has ${text.length} characters (${segments} segments); 1 to ${MAX_SMS_LENGTH} are allowed`,
          true,
        );
      }
      const form = new URLSearchParams({ To: message.to, [senderField]: options.from, Body: text });
      if (options.statusCallback) form.set('StatusCallback', options.statusCallback);

      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        // No answer: the provider may or may not have taken it; a retry is the at-least-once path.
        return failed(
          `SMS provider unreachable: ${error instanceof Error ? error.message : String(error)}`,
          false,
        );
      }
      const body = await readJson(response);
      if (!response.ok) return refusal(response.status, body as TwilioErrorBody);
      const sid = typeof body.sid === 'string' ? body.sid : undefined;
      return { status: 'sent', provider_id: sid, rendered: { text } };
    },
  };
}
