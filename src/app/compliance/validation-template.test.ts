import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../channels/message.js';
import { renderLetter, renderMessage } from '../../channels/templates/render.js';
import { SAMPLE_DATA } from '../../channels/templates/sample.js';

const usd = (amount: string) => ({ amount, currency: 'USD' });

const notice = (channel: 'email' | 'letter'): OutboundMessage => ({
  id: 'a1',
  idempotency_key: 'k1',
  tenant_id: 't1',
  customer_id: 'c1',
  channel,
  to: channel === 'email' ? 'pat@example.com' : { lines: ['Pat Doe', '1 Main St'], country: 'US' },
  template: 'validation_notice',
  language: 'en',
  data: {
    ...SAMPLE_DATA,
    validation: {
      validation_period_end: '2024-04-10',
      sent_on: '2024-03-04',
      itemization_date: '2024-01-15',
      items: [
        {
          invoice_id: SAMPLE_DATA.items[0]!.invoice_id,
          number: 'N-7',
          itemization_date: '2024-01-15',
          amount_on_itemization_date: usd('500.00'),
          interest: usd('0.00'),
          fees: usd('25.00'),
          payments: usd('100.00'),
          credits: usd('0.00'),
          current: usd('425.00'),
        },
      ],
    },
  },
});

describe('the validation notice template', () => {
  it('prints the validation period end the run computed and the itemization, by email', async () => {
    const email = await renderMessage(notice('email'));
    expect(email.text).toContain('by April 10, 2024');
    // Not the estimate (as_of + 35 days) used when no period was computed.
    expect(email.text).not.toContain('July 20, 2024');
    expect(email.text).toContain('Itemization of the debt');
    expect(email.text).toMatch(/as of January 15, 2024, you owed \$?500\.00/);
    expect(email.text).toMatch(/total amount of the debt\s+\$?425\.00/);
    expect(email.html).toContain('Total amount of the debt now:');
  });

  it('prints them in a letter too', async () => {
    const letter = await renderLetter(notice('letter'));
    const closing = letter.closing.join('\n');
    expect(closing).toContain('by April 10, 2024');
    expect(closing).toContain('Itemization of the debt');
  });
});
