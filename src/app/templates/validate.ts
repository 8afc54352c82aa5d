/**
 * A template an organisation saves must parse and render against sample data; otherwise the
 * request is refused (422) naming the field and the line, before any message can fail on it.
 */
import { RecoupError } from '../../domain/errors.js';
import type { MessageChannel, OutboundMessage, TemplateOverride } from '../../channels/message.js';
import { renderMessage, type RenderedMessage } from '../../channels/templates/render.js';
import { TemplateError } from '../../channels/templates/errors.js';
import { SAMPLE_DATA } from '../../channels/templates/sample.js';

/** Which request field holds each rendered part. */
const FIELD_OF_PART: Record<string, 'subject' | 'body' | 'html'> = {
  'email.subject': 'subject',
  'email.text': 'body',
  'email.html': 'html',
  'sms.text': 'body',
  'letter.subject': 'subject',
  'letter.opening': 'body',
  'letter.closing': 'body',
};

const SAMPLE_TO: Record<MessageChannel, OutboundMessage['to']> = {
  email: 'ap@acme.example',
  sms: '+4915112345678',
  letter: { lines: ['Acme Trading GmbH', 'Hauptstraße 5', '10115 Berlin'], country: 'DE' },
};

/** A message as the dispatcher would build it, for a preview or a check. */
export function messageFor(
  key: string,
  channel: MessageChannel,
  language: string,
  data = SAMPLE_DATA,
  override?: TemplateOverride,
): OutboundMessage {
  return {
    id: '00000000-0000-7000-8000-0000000000f1',
    idempotency_key: `preview:${key}`,
    tenant_id: '00000000-0000-7000-8000-0000000000e1',
    customer_id: data.customer.id,
    channel,
    to: SAMPLE_TO[channel],
    template: key,
    language,
    data,
    ...(override && { template_override: override }),
  };
}

/** Renders, turning a template error into a 422 that names the field and line. */
export async function renderOrRefuse(message: OutboundMessage): Promise<RenderedMessage> {
  try {
    return await renderMessage(message);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    // No part at fault: the template (or its channel) does not exist.
    if (!error.part) throw new RecoupError('not_found', 'not_found', error.message);
    const field = (error.part && FIELD_OF_PART[error.part]) ?? 'body';
    const where = error.line ? ` (line ${error.line})` : '';
    const reason = error.message.replace(/^template "[^"]*": [a-z.]+ \([^)]*\): /, '');
    throw new RecoupError('rejected', 'template_invalid', `${field}${where}: ${reason}`, [
      { path: field, message: `line ${error.line ?? 1}: ${reason}` },
    ]);
  }
}

export async function checkTemplate(
  key: string,
  channel: MessageChannel,
  language: string,
  override: TemplateOverride,
): Promise<void> {
  await renderOrRefuse(messageFor(key, channel, language, SAMPLE_DATA, override));
}
