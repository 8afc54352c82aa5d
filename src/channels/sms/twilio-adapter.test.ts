import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/database.js';
import { outboundMessage } from '../test-support/fixtures.js';
import { startSmsServer, type LocalSmsServer } from '../test-support/sms-server.js';
import { createTwilioAdapter } from './twilio-adapter.js';

const db = {} as Db;
const account = { sid: 'AC0123456789abcdef0123456789abcdef', token: 'test-token' };

describe('Twilio adapter against a local Twilio-compatible server', () => {
  let server: LocalSmsServer;
  beforeAll(async () => {
    server = await startSmsServer(account);
  });
  afterAll(async () => {
    await server.close();
  });

  const adapter = () =>
    createTwilioAdapter({
      baseUrl: server.url,
      accountSid: account.sid,
      authToken: account.token,
      from: '+15005550006',
      timeoutMs: 500,
    });
  const sms = (to: string) => outboundMessage({ channel: 'sms', template: 'overdue_sms', to });

  it('posts the rendered text as a form with basic auth and keeps the sid', async () => {
    const sender = adapter();
    expect(sender).toMatchObject({ channel: 'sms', name: 'twilio', mode: 'external' });
    const outcome = await sender.send(sms('+4915112345678'), db);
    expect(outcome).toMatchObject({ status: 'sent', provider_id: expect.stringMatching(/^SM\d{32}$/) });
    const request = server.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${account.sid}/Messages.json`);
    expect(request.authorization).toBe(
      `Basic ${Buffer.from(`${account.sid}:test-token`).toString('base64')}`,
    );
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({
      To: '+4915112345678',
      From: '+15005550006',
      Body: 'Northwind Supplies Ltd: your account is overdue by €1,234.56 and $300.00. Please pay today or contact us to agree a payment date. Reply STOP to opt out.',
    });
    expect(outcome.status === 'sent' && outcome.rendered?.text).toBe(request.form.Body);
  });

  it('sends from a Messaging Service when the sender is one', async () => {
    const sender = createTwilioAdapter({
      baseUrl: server.url,
      accountSid: account.sid,
      authToken: account.token,
      from: 'MG0123456789abcdef0123456789abcdef',
      statusCallback: 'https://recoup.example/webhooks/sms/status',
    });
    expect(await sender.send(sms('+4915112345678'), db)).toMatchObject({ status: 'sent' });
    expect(server.requests.at(-1)?.form).toMatchObject({
      MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
      StatusCallback: 'https://recoup.example/webhooks/sms/status',
    });
  });

  it('fails for good on an invalid number (400, code 21211)', async () => {
    const outcome = await adapter().send(sms('+15005550001'), db);
    expect(outcome).toEqual({
      status: 'failed',
      error: "SMS provider answered 400 (21211): The 'To' number +15005550001 is not a valid phone number.",
      permanent: true,
      invalid_address: true,
    });
  });

  it.each([
    ['+15005550429', /answered 429 \(20429\)/],
    ['+15005550500', /answered 500 \(20500\)/],
    ['+15005550999', /unreachable/],
  ])('fails for now on %s', async (to, error) => {
    const outcome = await adapter().send(sms(to), db);
    expect(outcome).toMatchObject({
      status: 'failed',
      permanent: false,
      error: expect.stringMatching(error),
    });
  });

  it('fails for now on refused credentials (a configuration problem)', async () => {
    const sender = createTwilioAdapter({
      baseUrl: server.url,
      accountSid: account.sid,
      authToken: 'wrong',
      from: '+15005550006',
    });
    expect(await sender.send(sms('+4915112345678'), db)).toMatchObject({
      status: 'failed',
      permanent: false,
    });
  });

  it('fails for now when nothing listens', async () => {
    const sender = createTwilioAdapter({
      baseUrl: 'http://127.0.0.1:9',
      accountSid: account.sid,
      authToken: account.token,
      from: '+15005550006',
    });
    expect(await sender.send(sms('+4915112345678'), db)).toMatchObject({
      status: 'failed',
      permanent: false,
    });
  });

  it('refuses what is not an E.164 number, or a template it cannot render, without calling out', async () => {
    const before = server.requests.length;
    expect(await adapter().send(sms('0151 1234 5678'), db)).toMatchObject({
      status: 'failed',
      permanent: true,
    });
    expect(
      await adapter().send(
        outboundMessage({ channel: 'sms', template: 'validation_notice', to: '+4915112345678' }),
        db,
      ),
    ).toEqual({
      status: 'failed',
      error: 'template "validation_notice": has no sms version (in en)',
      permanent: true,
    });
    expect(server.requests.length).toBe(before);
  });
});
