import { createRecordingAdapter } from '../channels/recording.js';
import { createSandboxAdapter } from '../channels/sandbox.js';
import type { Adapters } from './dispatch.js';

/**
 * The channel adapters this process sends with. `RECOUP_ADAPTERS=recording` swaps every
 * channel for the labelled recording adapter (no rendering, no delivery: tests and trials).
 */
export function adaptersFromEnv(env: NodeJS.ProcessEnv = process.env): Adapters {
  if (env.RECOUP_ADAPTERS === 'recording')
    return {
      email: createRecordingAdapter('email'),
      sms: createRecordingAdapter('sms'),
      letter: createRecordingAdapter('letter'),
    };
  return {
    email: createSandboxAdapter('email'),
    sms: createSandboxAdapter('sms'),
    letter: createSandboxAdapter('letter'),
  };
}
