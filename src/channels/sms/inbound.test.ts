import { describe, expect, it } from 'vitest';
import { keywordAction, parseInboundSms } from './inbound.js';
import { twilioSignature, verifyTwilioSignature } from './signature.js';

describe('keywordAction', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    [' Stop. ', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['Unsubscribe', 'opt_out'],
    ['cancel', 'opt_out'],
    ['END', 'opt_out'],
    ['quit!', 'opt_out'],
    ['START', 'opt_in'],
    ['unstop', 'opt_in'],
    ['Please stop texting me', 'message'],
    ['End of the month I will pay', 'message'],
    ['I paid yesterday', 'message'],
    ['', 'message'],
  ])('%j → %s', (body, action) => {
    expect(keywordAction(body)).toBe(action);
  });
});

describe('parseInboundSms', () => {
  it('reads the phone and the action from a form-encoded webhook body', () => {
    const body = 'From=%2B4915112345678&To=%2B15005550006&Body=STOP&MessageSid=SM123&AccountSid=AC1';
    expect(parseInboundSms(body)).toEqual({
      phone: '+4915112345678',
      action: 'opt_out',
      body: 'STOP',
      to: '+15005550006',
      message_sid: 'SM123',
    });
  });

  it('takes the provider’s own opt-out type when it sends one', () => {
    expect(parseInboundSms({ From: '+1', Body: 'ARRET', OptOutType: 'STOP' }).action).toBe('opt_out');
    expect(
      parseInboundSms(new URLSearchParams({ From: '+1', Body: 'Yes', OptOutType: 'START' })).action,
    ).toBe('opt_in');
    expect(parseInboundSms({ From: '+1', Body: 'When is it due?' }).action).toBe('message');
  });

  it('refuses a webhook without a sender', () => {
    expect(() => parseInboundSms('Body=STOP')).toThrow(/From/);
  });
});

describe('Twilio webhook signature', () => {
  const url = 'https://recoup.example/webhooks/sms?tenant=northwind';
  const params = { From: '+4915112345678', Body: 'STOP', To: '+15005550006', MessageSid: 'SM1' };

  it('matches the documented construction: URL, then sorted names and values, HMAC-SHA1, base64', () => {
    const expected = twilioSignature('secret', url, params);
    expect(expected).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(twilioSignature('secret', `${url}BodySTOPFrom+4915112345678MessageSidSM1To+15005550006`, {})).toBe(
      expected,
    );
  });

  it('accepts the right signature and refuses any change', () => {
    const signature = twilioSignature('secret', url, params);
    expect(verifyTwilioSignature({ authToken: 'secret', url, params, signature })).toBe(true);
    expect(verifyTwilioSignature({ authToken: 'other', url, params, signature })).toBe(false);
    expect(
      verifyTwilioSignature({ authToken: 'secret', url, params: { ...params, Body: 'START' }, signature }),
    ).toBe(false);
    expect(verifyTwilioSignature({ authToken: 'secret', url, params, signature: undefined })).toBe(false);
  });
});
