/**
 * Reads an inbound SMS webhook (Twilio's form fields: From, To, Body, MessageSid, and OptOutType
 * when the provider's own opt-out handling recognised a keyword) and says what it asks for.
 */
export type InboundSmsAction = 'opt_out' | 'opt_in' | 'message';

export interface InboundSms {
  /** The sender's number (E.164), the customer's phone. */
  phone: string;
  action: InboundSmsAction;
  body: string;
  /** Our number it was sent to. */
  to: string | null;
  message_sid: string | null;
}

/** The industry-standard opt-out and opt-in keywords, matched as the whole message. */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'UNSTOP']);

/**
 * A keyword counts only when it is the whole message ("Stop", " STOP! "), as carriers and Twilio
 * match them: "we will stop by the office" is an ordinary reply, not an opt-out.
 */
export function keywordAction(body: string): InboundSmsAction {
  const word = body
    .trim()
    .replace(/^[\s"'.,!?¡¿()-]+|[\s"'.,!?¡¿()-]+$/g, '')
    .toUpperCase();
  if (OPT_OUT.has(word)) return 'opt_out';
  if (OPT_IN.has(word)) return 'opt_in';
  return 'message';
}

export function parseInboundSms(payload: string | URLSearchParams | Record<string, string>): InboundSms {
  const form =
    payload instanceof URLSearchParams
      ? payload
      : typeof payload === 'string'
        ? new URLSearchParams(payload)
        : new URLSearchParams(payload);
  const phone = form.get('From')?.trim();
  if (!phone) throw new RangeError('an inbound SMS webhook needs a From number');
  const body = form.get('Body') ?? '';
  const optOutType = form.get('OptOutType')?.toUpperCase();
  const action: InboundSmsAction =
    optOutType === 'STOP' ? 'opt_out' : optOutType === 'START' ? 'opt_in' : keywordAction(body);
  return { phone, action, body, to: form.get('To'), message_sid: form.get('MessageSid') };
}
