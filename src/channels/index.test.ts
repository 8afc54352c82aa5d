import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelsConfigFromEnv, closeAdapters, createAdapters } from './index.js';

const names = (adapters: ReturnType<typeof createAdapters>) =>
  Object.fromEntries(
    Object.entries(adapters).map(([channel, adapter]) => [channel, `${adapter.name}/${adapter.mode}`]),
  );

describe('createAdapters', () => {
  it('uses the sandbox and letter files when nothing is configured', async () => {
    const adapters = createAdapters(channelsConfigFromEnv({}));
    expect(names(adapters)).toEqual({
      email: 'sandbox/in_transaction',
      sms: 'sandbox/in_transaction',
      letter: 'letters/external',
    });
    expect(Object.entries(adapters).every(([channel, adapter]) => adapter.channel === channel)).toBe(true);
    await closeAdapters(adapters);
  });

  it('uses SMTP and the SMS provider when they are configured', async () => {
    const adapters = createAdapters(
      channelsConfigFromEnv({
        RECOUP_SMTP_URL: 'smtp://127.0.0.1:2525',
        RECOUP_SMS_URL: 'http://127.0.0.1:9999',
        RECOUP_SMS_SID: 'AC1',
        RECOUP_SMS_TOKEN: 'token',
        RECOUP_SMS_FROM: '+15005550006',
      }),
    );
    expect(names(adapters)).toEqual({
      email: 'smtp/external',
      sms: 'twilio/external',
      letter: 'letters/external',
    });
    await closeAdapters(adapters);
  });
});

describe('channelsConfigFromEnv', () => {
  it('reads every variable', () => {
    expect(
      channelsConfigFromEnv({
        RECOUP_PUBLIC_URL: 'https://pay.example',
        RECOUP_PAYMENT_INSTRUCTIONS: 'IBAN …',
        RECOUP_CONTACT_EMAIL: 'credit@example.com',
        RECOUP_CONTACT_PHONE: '+44 20 7946 0000',
        RECOUP_TEMPLATES_DIR: './templates',
        RECOUP_SMTP_URL: 'smtps://user:pass@mail.example:465',
        RECOUP_SMTP_FROM: 'Credit <credit@example.com>',
        RECOUP_SMTP_REPLY_TO: 'ar@example.com',
        RECOUP_SMS_URL: 'https://api.twilio.com',
        RECOUP_SMS_SID: 'AC1',
        RECOUP_SMS_TOKEN: 'token',
        RECOUP_SMS_FROM: 'MG1',
        RECOUP_SMS_STATUS_CALLBACK: 'https://pay.example/webhooks/sms/status',
        RECOUP_LETTERS_DIR: '/var/letters',
        RECOUP_LETTERS_SENDER_ADDRESS: '12 Harbour Road | Bristol BS1 4QA|',
        RECOUP_LETTERS_FONT: '/fonts/DejaVuSans.ttf',
      }),
    ).toEqual({
      publicUrl: 'https://pay.example',
      paymentInstructions: 'IBAN …',
      contactEmail: 'credit@example.com',
      contactPhone: '+44 20 7946 0000',
      templatesDir: './templates',
      smtp: {
        url: 'smtps://user:pass@mail.example:465',
        from: 'Credit <credit@example.com>',
        replyTo: 'ar@example.com',
      },
      sms: {
        url: 'https://api.twilio.com',
        accountSid: 'AC1',
        authToken: 'token',
        from: 'MG1',
        statusCallback: 'https://pay.example/webhooks/sms/status',
      },
      letters: {
        dir: '/var/letters',
        senderAddress: ['12 Harbour Road', 'Bristol BS1 4QA'],
        fonts: { regular: '/fonts/DejaVuSans.ttf', bold: '/fonts/DejaVuSans.ttf' },
      },
    });
  });

  it('puts letters in the data folder by default', () => {
    expect(channelsConfigFromEnv({}).letters?.dir).toBe(path.join('data', 'letters'));
    expect(channelsConfigFromEnv({ RECOUP_DATA_DIR: '/srv/recoup' }).letters?.dir).toBe(
      '/srv/recoup/letters',
    );
  });

  it('refuses half an SMS configuration instead of falling back to the sandbox', () => {
    expect(() =>
      channelsConfigFromEnv({ RECOUP_SMS_URL: 'https://api.twilio.com', RECOUP_SMS_SID: 'AC1' }),
    ).toThrow('RECOUP_SMS_URL is set, so RECOUP_SMS_TOKEN, RECOUP_SMS_FROM must be set too');
  });
});
