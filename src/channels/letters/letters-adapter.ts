import path from 'node:path';
import type { Db } from '../../store/database.js';
import type { ChannelAdapter } from '../adapter.js';
import type { DeliveryOutcome, OutboundMessage, PostalAddress } from '../message.js';
import { failed, renderFailure } from '../outcome.js';
import { renderLetter, type RenderedLetter, type RenderOptions } from '../templates/render.js';
import { DEFAULT_LETTERS_DIR, letterFile, writeFileAtomic } from './files.js';
import { ADDRESS_FIELD } from './layout.js';
import { addressLines, buildLetterPdf, type LetterheadOptions } from './pdf.js';

export interface LettersOptions extends RenderOptions, LetterheadOptions {
  /** Where letters are written (default ./data/letters). */
  dir?: string;
}

function isPostalAddress(to: unknown): to is PostalAddress {
  const address = to as PostalAddress | null;
  return (
    typeof address === 'object' &&
    address !== null &&
    Array.isArray(address.lines) &&
    address.lines.every((line) => typeof line === 'string') &&
    typeof address.country === 'string'
  );
}

/**
 * Letters as PDF files, one per message, for printing and posting (or a print-and-mail service):
 * `<dir>/<organisation>/<as_of>/letter-<hash of the idempotency key>.pdf`. The file name is
 * stable, so a re-send overwrites the letter instead of adding a second one; `batchLetters`
 * joins a day's letters into one print file.
 */
export function createLettersAdapter(options: LettersOptions = {}): ChannelAdapter {
  const dir = path.resolve(options.dir ?? DEFAULT_LETTERS_DIR);
  return {
    channel: 'letter',
    name: 'letters',
    mode: 'external',
    async send(message: OutboundMessage, _db: Db): Promise<DeliveryOutcome> {
      if (!isPostalAddress(message.to)) {
        return failed(`a letter needs a postal address, got ${JSON.stringify(message.to)}`, true);
      }
      const lines = addressLines(message.to, message.data.organisation.country);
      if (lines.length === 0 || lines.length > ADDRESS_FIELD.maxLines) {
        return failed(
          `a postal address needs 1 to ${ADDRESS_FIELD.maxLines} lines with the country, got ${lines.length}`,
          true,
        );
      }
      let letter: RenderedLetter;
      try {
        letter = await renderLetter(message, options);
      } catch (error) {
        return renderFailure(error);
      }
      const file = letterFile(dir, message);
      try {
        await writeFileAtomic(file, await buildLetterPdf(letter, message.to, options));
      } catch (error) {
        // A full disk or a missing permission: the operator can fix it, the letter can wait.
        return failed(
          `cannot write the letter: ${error instanceof Error ? error.message : String(error)}`,
          false,
        );
      }
      return {
        status: 'sent',
        provider_id: path.relative(dir, file),
        rendered: { subject: letter.subject, text: letter.text },
      };
    },
  };
}
