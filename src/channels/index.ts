import type { ChannelAdapter } from './adapter.js';
import type { ChannelsConfig } from './config.js';
import { createSmtpAdapter } from './email/smtp-adapter.js';
import { createLettersAdapter } from './letters/letters-adapter.js';
import type { MessageChannel } from './message.js';
import { createSandboxAdapter } from './sandbox.js';
import { createTwilioAdapter } from './sms/twilio-adapter.js';
import type { RenderOptions } from './templates/render.js';

export type ChannelAdapters = Record<MessageChannel, ChannelAdapter>;

/**
 * The adapter for each channel, chosen by configuration: email over SMTP when `smtp` is set,
 * else the sandbox mailbox; SMS through the Twilio-compatible API when `sms` is set, else the
 * sandbox; letters always as PDF files.
 */
export function createAdapters(config: ChannelsConfig = {}): ChannelAdapters {
  const render: RenderOptions = {
    templatesDir: config.templatesDir,
    publicUrl: config.publicUrl,
    paymentInstructions: config.paymentInstructions,
    contactEmail: config.contactEmail,
    contactPhone: config.contactPhone,
  };
  return {
    email: config.smtp
      ? createSmtpAdapter({ ...render, ...config.smtp })
      : createSandboxAdapter('email', render),
    sms: config.sms
      ? createTwilioAdapter({
          ...render,
          baseUrl: config.sms.url,
          accountSid: config.sms.accountSid,
          authToken: config.sms.authToken,
          from: config.sms.from,
          statusCallback: config.sms.statusCallback,
        })
      : createSandboxAdapter('sms', render),
    letter: createLettersAdapter({ ...render, ...config.letters }),
  };
}

/** Closes what the adapters hold open (the SMTP pool); call it on shutdown. */
export async function closeAdapters(adapters: ChannelAdapters): Promise<void> {
  await Promise.all(
    Object.values(adapters).map(async (adapter) => {
      const closable = adapter as ChannelAdapter & { close?: () => Promise<void> };
      if (typeof closable.close === 'function') await closable.close();
    }),
  );
}

export type { ChannelAdapter } from './adapter.js';
export type { DeliveryOutcome, MessageChannel, MessageData, OutboundMessage } from './message.js';
export { channelsConfigFromEnv, ChannelsConfigError, type ChannelsConfig } from './config.js';
export { renderMessage, renderLetter, type RenderOptions, type RenderedMessage } from './templates/render.js';
export { listTemplates, type TemplateInfo } from './templates/catalogue.js';
export { TemplateError } from './templates/errors.js';
export { formatMoney, formatMoneyList } from './format/money.js';
export { formatDate } from './format/dates.js';
export { createSandboxAdapter } from './sandbox.js';
export { createRecordingAdapter, type RecordingAdapter } from './recording.js';
export { createSmtpAdapter, type SmtpAdapter, type SmtpOptions } from './email/smtp-adapter.js';
export { createTwilioAdapter, type TwilioOptions } from './sms/twilio-adapter.js';
export { countSmsSegments, type SmsSegments } from './sms/segments.js';
export { parseInboundSms, type InboundSms, type InboundSmsAction } from './sms/inbound.js';
export { verifyTwilioSignature } from './sms/signature.js';
export { createLettersAdapter, type LettersOptions } from './letters/letters-adapter.js';
export { batchLetters, type LetterBatch } from './letters/batch.js';
