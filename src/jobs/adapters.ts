import { channelsConfigFromEnv, createAdapters, createRecordingAdapter } from '../channels/index.js';
import type { Adapters } from './dispatch.js';

/**
 * The channel adapters this process sends with, from its environment (docs/channels.md): SMTP
 * when RECOUP_SMTP_URL is set, else the sandbox mailbox; an SMS provider when RECOUP_SMS_URL is
 * set, else the sandbox; letters as PDF files. `RECOUP_ADAPTERS=recording` swaps every channel
 * for the labelled recording adapter (no rendering, no delivery: tests and trials).
 */
export function adaptersFromEnv(env: NodeJS.ProcessEnv = process.env): Adapters {
  if (env.RECOUP_ADAPTERS === 'recording')
    return {
      email: createRecordingAdapter('email'),
      sms: createRecordingAdapter('sms'),
      letter: createRecordingAdapter('letter'),
    };
  return createAdapters(channelsConfigFromEnv(env));
}
