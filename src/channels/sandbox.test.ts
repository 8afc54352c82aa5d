import { describe, expect, it } from 'vitest';
import type { Db } from '../store/database.js';
import { createRecordingAdapter } from './recording.js';
import { createSandboxAdapter } from './sandbox.js';
import { outboundMessage } from './test-support/fixtures.js';

const db = {} as Db;

describe('sandbox adapter', () => {
  it('renders without any network and reports the message sent, on every channel', async () => {
    const email = createSandboxAdapter('email');
    expect([email.name, email.mode, email.channel]).toEqual(['sandbox', 'in_transaction', 'email']);
    const outcome = await email.send(outboundMessage(), db);
    expect(outcome.status).toBe('sent');
    if (outcome.status !== 'sent') return;
    expect(outcome.rendered?.subject).toContain('Overdue invoices');
    expect(outcome.rendered?.html).toContain('INV-2024-001');

    const sms = await createSandboxAdapter('sms').send(
      outboundMessage({ channel: 'sms', template: 'overdue_sms' }),
      db,
    );
    expect(sms).toMatchObject({ status: 'sent', rendered: { text: expect.stringContaining('Reply STOP') } });

    const letter = await createSandboxAdapter('letter').send(outboundMessage({ channel: 'letter' }), db);
    expect(letter).toMatchObject({
      status: 'sent',
      rendered: { subject: expect.stringContaining('Overdue account') },
    });
  });

  it('fails for good when the template cannot be rendered', async () => {
    const outcome = await createSandboxAdapter('email').send(outboundMessage({ template: 'missing' }), db);
    expect(outcome).toEqual({
      status: 'failed',
      error: 'template "missing": no such template',
      permanent: true,
    });
  });
});

describe('recording adapter (test/placeholder)', () => {
  it('keeps the messages and answers a one-line summary without rendering', async () => {
    for (const channel of ['email', 'sms', 'letter'] as const) {
      const adapter = createRecordingAdapter(channel);
      expect([adapter.name, adapter.mode]).toEqual(['recording (no delivery)', 'in_transaction']);
      // An unknown template is no problem: nothing is rendered.
      const message = outboundMessage({ channel, template: 'anything' });
      const outcome = await adapter.send(message, db);
      expect(adapter.sent).toEqual([message]);
      expect(outcome.status).toBe('sent');
      if (outcome.status !== 'sent') continue;
      expect(outcome.rendered?.subject).toBeUndefined();
      expect(outcome.rendered?.text).not.toContain('\n');
    }
    const outcome = await createRecordingAdapter('email').send(outboundMessage(), db);
    expect(outcome).toEqual({
      status: 'sent',
      rendered: { text: 'email to ap@acme.example: overdue_notice (en), 2 items, EUR 1234.56 + USD 300.00' },
    });
    const letter = await createRecordingAdapter('letter').send(outboundMessage({ channel: 'letter' }), db);
    expect(letter).toMatchObject({ rendered: { text: expect.stringMatching(/^letter to Acme GmbH: /) } });
  });
});
