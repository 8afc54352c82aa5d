import path from 'node:path';
import type { LetterheadOptions } from './letters/pdf.js';
import type { SenderOptions } from './templates/scope.js';

/** How messages leave Recoup. Every field is optional: without any, nothing leaves the machine. */
export interface ChannelsConfig extends SenderOptions {
  /** A folder of custom templates searched before the defaults. */
  templatesDir?: string;
  smtp?: { url: string; from?: string; replyTo?: string };
  sms?: { url: string; accountSid: string; authToken: string; from: string; statusCallback?: string };
  letters?: { dir?: string } & LetterheadOptions;
}

export class ChannelsConfigError extends Error {
  readonly code = 'channels_config';
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]?.trim();
  return text ? text : undefined;
}

/** Reads the channel settings from RECOUP_* environment variables (see docs/channels.md). */
export function channelsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelsConfig {
  const config: ChannelsConfig = {
    publicUrl: value(env, 'RECOUP_PUBLIC_URL'),
    paymentInstructions: value(env, 'RECOUP_PAYMENT_INSTRUCTIONS'),
    contactEmail: value(env, 'RECOUP_CONTACT_EMAIL'),
    contactPhone: value(env, 'RECOUP_CONTACT_PHONE'),
    templatesDir: value(env, 'RECOUP_TEMPLATES_DIR'),
  };
  const smtpUrl = value(env, 'RECOUP_SMTP_URL');
  if (smtpUrl) {
    config.smtp = {
      url: smtpUrl,
      from: value(env, 'RECOUP_SMTP_FROM'),
      replyTo: value(env, 'RECOUP_SMTP_REPLY_TO'),
    };
  }
  const smsUrl = value(env, 'RECOUP_SMS_URL');
  if (smsUrl) {
    const missing = ['RECOUP_SMS_SID', 'RECOUP_SMS_TOKEN', 'RECOUP_SMS_FROM'].filter(
      (name) => !value(env, name),
    );
    // Half a configuration is a mistake to report, not a reason to fall back to the sandbox.
    if (missing.length > 0) {
      throw new ChannelsConfigError(`RECOUP_SMS_URL is set, so ${missing.join(', ')} must be set too`);
    }
    config.sms = {
      url: smsUrl,
      accountSid: value(env, 'RECOUP_SMS_SID')!,
      authToken: value(env, 'RECOUP_SMS_TOKEN')!,
      from: value(env, 'RECOUP_SMS_FROM')!,
      // Recoup's own status hook when the public URL is known (POST /hooks/sms/status).
      statusCallback:
        value(env, 'RECOUP_SMS_STATUS_CALLBACK') ??
        (config.publicUrl ? `${config.publicUrl.replace(/\/+$/, '')}/hooks/sms/status` : undefined),
    };
  }
  const regular = value(env, 'RECOUP_LETTERS_FONT');
  const bold = value(env, 'RECOUP_LETTERS_FONT_BOLD');
  config.letters = {
    dir: value(env, 'RECOUP_LETTERS_DIR') ?? path.join(value(env, 'RECOUP_DATA_DIR') ?? './data', 'letters'),
    senderAddress: value(env, 'RECOUP_LETTERS_SENDER_ADDRESS')
      ?.split('|')
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
    fonts: regular ? { regular, bold: bold ?? regular } : undefined,
  };
  return config;
}
