import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMimeMessage, encodeHeaderText, parseMailbox, type MimeMessage } from './mime.js';

const base: MimeMessage = {
  from: 'Northwind <credit@northwind.example>',
  to: 'ap@acme.example',
  subject: 'Overdue invoice',
  text: 'Hello',
  html: '<p>Hello</p>',
  messageId: '<recoup.abc@northwind.example>',
  date: new Date('2024-06-15T10:00:00Z'),
};

const SUBJECT = `Überfällige Rechnungen: 1.234,56 € und 300,00 $ – ${'sehr lange Betreffzeile'.repeat(4)}`;

describe('buildMimeMessage', () => {
  it('writes headers and a text and an HTML alternative that a mail parser reads back', async () => {
    const raw = buildMimeMessage({
      ...base,
      from: 'Müller & Söhne Buchhaltung <buchhaltung@müller.example>',
      replyTo: 'ar@northwind.example',
      subject: SUBJECT,
      text: 'Grüße\nZeile 2 €',
      html: '<p>Grüße – €</p>',
      headers: {
        'List-Unsubscribe': `<https://x.example/unsubscribe/${'a'.repeat(36)}>, <mailto:u@x.example>`,
      },
    });
    const text = raw.toString('utf8');
    // Only ASCII on the wire, no line longer than 78 characters.
    expect([...text].every((char) => char.charCodeAt(0) < 128)).toBe(true);
    for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(text).toContain('Date: Sat, 15 Jun 2024 10:00:00 +0000\r\n');

    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(SUBJECT);
    // The domain goes out in its ASCII form; the parser shows it decoded.
    expect(text).toContain('<buchhaltung@xn--mller-kva.example>');
    expect(mail.from?.value).toEqual([
      { name: 'Müller & Söhne Buchhaltung', address: 'buchhaltung@müller.example' },
    ]);
    expect(mail.replyTo?.text).toBe('ar@northwind.example');
    expect(mail.messageId).toBe('<recoup.abc@northwind.example>');
    expect(mail.text).toBe('Grüße\nZeile 2 €');
    expect(mail.html).toBe('<p>Grüße – €</p>');
    expect(mail.headers.get('list')).toMatchObject({ unsubscribe: { mail: 'u@x.example' } });
  });

  it('writes a single text part when there is no HTML', async () => {
    const mail = await simpleParser(buildMimeMessage({ ...base, html: undefined }));
    expect(mail.text?.trim()).toBe('Hello');
    expect(mail.html).toBe(false);
  });

  it('quotes a plain display name', async () => {
    const raw = buildMimeMessage({ ...base, from: 'Northwind "Credit" Team <credit@northwind.example>' });
    expect(raw.toString()).toContain('From: "Northwind \\"Credit\\" Team" <credit@northwind.example>\r\n');
  });
});

describe('parseMailbox', () => {
  it.each([
    ['ap@acme.example', { address: 'ap@acme.example' }],
    ['  Recoup <no-reply@localhost> ', { name: 'Recoup', address: 'no-reply@localhost' }],
    ['"Acme, Inc." <ap@acme.example>', { name: 'Acme, Inc.', address: 'ap@acme.example' }],
    ['x@bücher.example', { address: 'x@xn--bcher-kva.example' }],
  ])('%s', (text, mailbox) => {
    expect(parseMailbox(text)).toEqual(mailbox);
  });

  it.each([
    'not an address',
    'ap@acme.example\r\nBcc: victim@example.com',
    'a b@acme.example',
    'ap@',
    '"Name\r\nBcc: x@y.z" <a@b.c>',
    'jürgen@acme.example',
  ])('refuses %j', (text) => {
    expect(() => parseMailbox(text)).toThrow(RangeError);
  });
});

describe('encodeHeaderText', () => {
  it('leaves ASCII alone and encodes the rest in words of at most 75 characters', () => {
    expect(encodeHeaderText('Payment reminder')).toBe('Payment reminder');
    const encoded = encodeHeaderText('€'.repeat(40));
    for (const word of encoded.split(' ')) {
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(word.length).toBeLessThanOrEqual(75);
    }
    expect(encodeHeaderText('line\r\nbreak')).toBe('line break');
  });
});
