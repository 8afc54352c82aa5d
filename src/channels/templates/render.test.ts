import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessage } from '../test-support/fixtures.js';
import { listTemplates } from './catalogue.js';
import { TemplateError } from './errors.js';
import { renderLetter, renderMessage } from './render.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const EXPECTED: Record<string, string[]> = {
  friendly_reminder: ['email', 'sms', 'letter'],
  overdue_notice: ['email', 'sms', 'letter'],
  final_notice: ['email', 'sms', 'letter'],
  overdue_sms: ['sms'],
  instalment_missed: ['email', 'sms', 'letter'],
  promise_confirmation: ['email', 'sms'],
  payment_plan_confirmation: ['email', 'letter'],
  thank_you: ['email', 'sms'],
  validation_notice: ['email', 'letter'],
};

describe('listTemplates', () => {
  it('lists every default English template with its channels', () => {
    const english = listTemplates().filter((template) => template.language === 'en');
    expect(Object.fromEntries(english.map((template) => [template.name, template.channels]))).toEqual(
      EXPECTED,
    );
  });
});

describe('renderMessage with the default templates', () => {
  const cases = Object.entries(EXPECTED).flatMap(([template, channels]) =>
    channels.map((channel) => [template, channel] as [string, 'email' | 'sms' | 'letter']),
  );

  it.each(cases)('%s renders for %s', async (template, channel) => {
    const rendered = await renderMessage(outboundMessage({ template, channel }));
    expect(rendered.text.length).toBeGreaterThan(40);
    expect(rendered.text).toContain('Northwind Supplies Ltd');
    expect(rendered.text).not.toMatch(/undefined|\[object Object\]|NaN/);
    if (channel === 'sms') {
      expect(rendered.subject).toBeUndefined();
      expect(rendered.text).toContain('Reply STOP to opt out.');
      expect(rendered.text).not.toContain('\n');
    } else {
      expect(rendered.subject).toMatch(/\S/);
      expect(rendered.subject).not.toContain('\n');
    }
    if (channel === 'email') {
      expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
      // Opt-out text in both parts of every email.
      expect(rendered.text).toContain('http://localhost:3000/unsubscribe');
      expect(rendered.html).toContain('href="http://localhost:3000/unsubscribe"');
    }
    if (channel !== 'sms') {
      for (const text of [rendered.text, rendered.html ?? rendered.text]) {
        expect(text).toContain('INV-2024-001');
        expect(text).toContain('INV-2024-017');
        expect(text).toContain('€1,234.56');
        expect(text).toContain('$300.00');
        expect(text).toContain('May 1, 2024');
      }
    }
  });

  it('lays out the plain-text table of items with totals per currency', async () => {
    const { text } = await renderMessage(outboundMessage({ template: 'overdue_notice' }));
    expect(text).toContain(
      [
        'Invoice         Issued         Due             Days overdue         Balance',
        'INV-2024-001    Apr 1, 2024    May 1, 2024               45       €1,234.56',
        'INV-2024-017    May 2, 2024    Jun 1, 2024               14         $300.00',
        'Total EUR                                                         €1,234.56',
        'Total USD                                                           $300.00',
      ].join('\n'),
    );
  });

  it('shows a fee when the step charged one, and not otherwise', async () => {
    const withFee = await renderMessage(
      outboundMessage({ template: 'overdue_notice', data: { fee: { amount: '40.00', currency: 'EUR' } } }),
    );
    expect(withFee.text).toContain('a late-payment fee of €40.00 has been charged');
    expect(withFee.html).toContain('Fee charged with this notice');
    const without = await renderMessage(outboundMessage({ template: 'overdue_notice' }));
    expect(without.text).not.toContain('fee');
  });

  it('formats figures in the customer language (text falls back to English)', async () => {
    const rendered = await renderMessage(outboundMessage({ template: 'overdue_notice', language: 'de' }));
    expect(plain(rendered.text)).toContain('1.234,56 €');
    expect(rendered.text).toContain('01.05.2024');
    expect(rendered.text).toContain('Our records show');
    // The HTML says which language its words are in.
    expect(rendered.html).toContain('<html lang="en">');
  });

  it('says "not yet due" for items before their due date', async () => {
    const item = {
      invoice_id: 'i1',
      number: 'INV-9',
      issue_date: '2024-06-01',
      due_date: '2024-06-30',
      days_past_due: -15,
      balance: { amount: '99.90', currency: 'GBP' },
    };
    const { text, subject } = await renderMessage(
      outboundMessage({
        template: 'friendly_reminder',
        data: { items: [item], totals: [item.balance] },
      }),
    );
    expect(subject).toBe('Reminder: invoice INV-9 from Northwind Supplies Ltd');
    expect(text).toContain('falls due shortly');
    expect(text).toMatch(/INV-9 .* not yet due +£99\.90/);
  });

  it('uses promise, plan and payment details when given', async () => {
    const promise = await renderMessage(
      outboundMessage({
        template: 'promise_confirmation',
        data: { promise: { amount: { amount: '500', currency: 'EUR' }, date: '2024-06-30' } },
      }),
    );
    expect(promise.text).toContain('your promise to pay €500.00 by June 30, 2024');
    const plan = await renderMessage(
      outboundMessage({
        template: 'payment_plan_confirmation',
        data: {
          plan: {
            instalments: [
              { due_date: '2024-07-01', amount: { amount: '617.28', currency: 'EUR' } },
              { due_date: '2024-08-01', amount: { amount: '617.28', currency: 'EUR' } },
            ],
          },
        },
      }),
    );
    expect(plan.text).toContain('paid in 2 instalments');
    expect(plan.text).toMatch(/Jul 1, 2024 +€617\.28/);
    const thanks = await renderMessage(
      outboundMessage({
        template: 'thank_you',
        data: {
          items: [],
          totals: [],
          payment: { amount: { amount: '1234.56', currency: 'EUR' }, received_on: '2024-06-14' },
        },
      }),
    );
    expect(thanks.text).toContain('Thank you for your payment of €1,234.56, received on June 14, 2024.');
    expect(thanks.text).toContain('Your account is now up to date.');
  });

  it('escapes data in HTML, and only there', async () => {
    const rendered = await renderMessage(
      outboundMessage({
        data: { customer: { ...outboundMessage().data.customer, name: 'Tom & <b>Jerry</b>' } },
      }),
    );
    expect(rendered.html).toContain('Dear Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;,');
    expect(rendered.text).toContain('Dear Tom & <b>Jerry</b>,');
  });

  it('uses the sender settings', async () => {
    const rendered = await renderMessage(outboundMessage(), {
      publicUrl: 'https://pay.northwind.example/',
      paymentInstructions: 'Pay to IBAN GB33BUKB20201555555555.',
      contactEmail: 'credit@northwind.example',
      contactPhone: '+44 20 7946 0000',
    });
    expect(rendered.text).toContain('https://pay.northwind.example/unsubscribe\n');
    expect(rendered.text).toContain('Pay to IBAN GB33BUKB20201555555555.');
    expect(rendered.text).toContain('at credit@northwind.example or on +44 20 7946 0000.');
  });
});

describe('signed links and organisation templates', () => {
  const links = {
    unsubscribe: 'https://recoup.example/unsubscribe?token=abc.def',
    portal: 'https://recoup.example/portal?token=ghi.jkl',
  };

  it('puts the signed links the dispatcher gives in both parts', async () => {
    const rendered = await renderMessage(outboundMessage({ links }));
    expect(rendered.text).toContain('https://recoup.example/unsubscribe?token=abc.def');
    expect(rendered.html).toContain('href="https://recoup.example/unsubscribe?token=abc.def"');
  });

  it("renders an organisation's own version, its text in the default layout when it has no HTML", async () => {
    const rendered = await renderMessage(
      outboundMessage({
        links,
        template_override: {
          version: 2,
          language: 'en',
          subject: 'Pay {{ totals | money_list }} <now>',
          body: 'Hi {{ customer.name }} & co,\nplease pay. Portal: {{ sender.portal_url }}',
          html: null,
        },
      }),
    );
    expect(rendered.subject).toBe('Pay €1,234.56 and $300.00 <now>');
    expect(rendered.text).toBe(
      'Hi Acme GmbH & co,\nplease pay. Portal: https://recoup.example/portal?token=ghi.jkl',
    );
    expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
    expect(rendered.html).toContain('Hi Acme GmbH &amp; co,\nplease pay.');
    expect(rendered.html).toContain('href="https://recoup.example/unsubscribe?token=abc.def"');
  });

  it('names the part and line of an error in an organisation template', async () => {
    const error = await renderMessage(
      outboundMessage({
        channel: 'sms',
        template_override: { version: 1, language: 'en', body: 'Hello\n{{ customer.nick }}' },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ part: 'sms.text', line: 2 });
  });
});

describe('renderLetter', () => {
  it('splits the letter into paragraphs around the table', async () => {
    const letter = await renderLetter(outboundMessage({ channel: 'letter', template: 'validation_notice' }));
    expect(letter.subject).toBe('Notice of debt');
    expect(letter.opening[0]).toBe('Dear Acme GmbH,');
    expect(letter.opening.at(-1)).toContain('as of June 15, 2024, you owe Northwind Supplies Ltd');
    expect(letter.closing.join('\n')).toContain('by July 20, 2024');
    expect(letter.closing.at(-1)).toBe('Credit Control\nNorthwind Supplies Ltd');
    expect(letter.text).toContain('INV-2024-017');
  });
});

describe('template errors', () => {
  let custom: string;
  beforeAll(async () => {
    custom = await mkdtemp(path.join(tmpdir(), 'recoup-templates-'));
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(custom, file)), { recursive: true });
      await writeFile(path.join(custom, file), text);
    };
    await write('en/broken/sms.text.liquid', 'Hello {{ customer.nickname }}');
    await write('en/bad_filter/sms.text.liquid', 'Hello {{ customer.name | shout }}');
    await write('en/prototype/sms.text.liquid', '{{ customer.constructor }}');
    await write('en/escape/sms.text.liquid', "{% include '../../../../../../../../etc/hostname' %}");
    await write(
      'en/overdue_sms/sms.text.liquid',
      'Custom: {{ totals | money_list }} due. {% include "sms_optout" %}',
    );
    await write('de/overdue_sms/sms.text.liquid', 'Bitte zahlen Sie {{ totals | money_list }}.');
  });
  afterAll(async () => {
    await rm(custom, { recursive: true, force: true });
  });

  it('names an unknown template', async () => {
    const error = await renderMessage(outboundMessage({ template: 'no_such_thing' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).template).toBe('no_such_thing');
    expect((error as Error).message).toBe('template "no_such_thing": no such template');
  });

  it('names a template that lacks the channel', async () => {
    await expect(
      renderMessage(outboundMessage({ template: 'overdue_sms', channel: 'email' })),
    ).rejects.toThrow('template "overdue_sms": has no email version');
  });

  it('refuses an unknown variable, an unknown filter and JavaScript internals', async () => {
    const options = { templatesDir: custom };
    await expect(
      renderMessage(outboundMessage({ template: 'broken', channel: 'sms' }), options),
    ).rejects.toThrow(/template "broken": sms.text \(en\): .*undefined variable: customer.nickname/);
    await expect(
      renderMessage(outboundMessage({ template: 'bad_filter', channel: 'sms' }), options),
    ).rejects.toThrow(/template "bad_filter": .*undefined filter: shout/);
    await expect(
      renderMessage(outboundMessage({ template: 'prototype', channel: 'sms' }), options),
    ).rejects.toThrow(/undefined variable: customer.constructor/);
  });

  it('reads no file outside the template folders', async () => {
    await expect(
      renderMessage(outboundMessage({ template: 'escape', channel: 'sms' }), { templatesDir: custom }),
    ).rejects.toThrow(/template "escape": .*Failed to lookup/);
  });

  it('lets a custom folder override a default file, per language', async () => {
    const options = { templatesDir: custom };
    const english = await renderMessage(
      outboundMessage({ template: 'overdue_sms', channel: 'sms' }),
      options,
    );
    expect(english.text).toBe('Custom: €1,234.56 and $300.00 due. Reply STOP to opt out.');
    const german = await renderMessage(
      outboundMessage({ template: 'overdue_sms', channel: 'sms', language: 'de-DE' }),
      options,
    );
    expect(plain(german.text)).toBe('Bitte zahlen Sie 1.234,56 € und 300,00 $.');
    expect(listTemplates(options)).toContainEqual({ name: 'overdue_sms', language: 'de', channels: ['sms'] });
  });
});
