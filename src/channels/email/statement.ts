import { buildLetterPdf, type LetterheadOptions } from '../letters/pdf.js';
import { formatDate } from '../format/dates.js';
import type { MessageAttachment, OutboundMessage } from '../message.js';
import { loadLabels, templateDirs } from '../templates/catalogue.js';
import type { RenderOptions } from '../templates/render.js';
import { buildScope } from '../templates/scope.js';
import type { MimeAttachment } from './mime.js';

/** Notices that carry a PDF statement of the items they are about. */
export const STATEMENT_TEMPLATES: ReadonlySet<string> = new Set(['overdue_notice', 'final_notice']);

export interface StatementFile extends MimeAttachment {
  /** What the message record keeps: name, type and size, not the bytes. */
  record: MessageAttachment;
}

/** "statement-ACME-2024-06-15.pdf", with anything but letters, digits, dot and dash dropped. */
function fileName(message: OutboundMessage): string {
  const who = message.data.customer.external_id.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 40) || 'customer';
  return `statement-${who}-${message.data.as_of}.pdf`;
}

/**
 * The statement of open items sent with overdue and final notices: the letters' PDF layout (the
 * organisation's letterhead, the customer, the table of items with totals), without a letter
 * around it. Null for other messages, or when there are no items to list.
 */
export async function statementFor(
  message: OutboundMessage,
  options: RenderOptions & LetterheadOptions = {},
): Promise<StatementFile | null> {
  if (!STATEMENT_TEMPLATES.has(message.template) || message.data.items.length === 0) return null;
  const dirs = templateDirs(options.templatesDir);
  const language = message.language.split('-')[0] ?? 'en';
  const scope = buildScope(message, language, loadLabels(dirs, language), options);
  const title = scope.labels.statement ?? 'Statement of open items';
  const asOf = formatDate(scope.as_of, scope.locale, 'long');
  const opening = [
    (scope.labels.statement_intro ?? 'Open items on your account as of {date}:').replace('{date}', asOf),
  ];
  const content = await buildLetterPdf(
    { subject: title, opening, closing: [], text: '', scope },
    { lines: [message.data.customer.name], country: message.data.customer.country },
    options,
  );
  const name = fileName(message);
  const contentType = 'application/pdf';
  return { name, contentType, content, record: { name, content_type: contentType, size: content.length } };
}
