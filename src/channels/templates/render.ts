import type { MessageChannel, OutboundMessage, TemplateOverride } from '../message.js';
import { loadLabels, resolveLanguage, templateDirs, type TemplatePart } from './catalogue.js';
import { engineFor } from './engine.js';
import { TemplateError } from './errors.js';
import { buildScope, type SenderOptions, type TemplateScope } from './scope.js';

export interface RenderOptions extends SenderOptions {
  /** A folder of custom templates laid out like `defaults/`, searched first, file by file. */
  templatesDir?: string;
}

export interface RenderedMessage {
  subject?: string;
  text: string;
  html?: string;
}

/** A letter in the pieces its layout needs: paragraphs before and after the table of items. */
export interface RenderedLetter {
  subject: string;
  opening: string[];
  closing: string[];
  /** The whole letter as plain text (paragraphs, table, totals), for the message record. */
  text: string;
  scope: TemplateScope;
}

interface Prepared {
  message: OutboundMessage;
  dirs: string[];
  language: string;
  scope: TemplateScope;
  /** The organisation's own sources per part, when it has its own version of the template. */
  sources: Partial<Record<TemplatePart, string>> | null;
}

/** The parts an organisation's template supplies; a part it leaves out comes from elsewhere. */
function overrideSources(override: TemplateOverride): Partial<Record<TemplatePart, string>> {
  const sources: Partial<Record<TemplatePart, string>> = {
    'email.text': override.body,
    'sms.text': override.body,
    'letter.opening': override.body,
    // A letter's own version has no text after the table.
    'letter.closing': '',
    // An email without its own HTML sends its text, escaped, in the default layout.
    'email.html': override.html ?? TEXT_AS_HTML,
  };
  if (override.subject != null) {
    sources['email.subject'] = override.subject;
    sources['letter.subject'] = override.subject;
  }
  return sources;
}

const TEXT_AS_HTML =
  '{% layout \'email\' %}{% block content %}<div style="white-space:pre-wrap;">{{ text_body }}</div>{% endblock %}';

function prepare(message: OutboundMessage, channel: MessageChannel, options: RenderOptions): Prepared {
  const dirs = templateDirs(options.templatesDir);
  const override = message.template_override;
  const language = override
    ? override.language
    : resolveLanguage(dirs, message.template, channel, message.language);
  const scope = buildScope(message, language, loadLabels(dirs, language), options);
  return { message, dirs, language, scope, sources: override ? overrideSources(override) : null };
}

/** The line Liquid names in its error message ("…, line:2, col:4"). */
function errorLine(error: unknown): number | undefined {
  const match = error instanceof Error ? /line:(\d+)/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * Renders synchronously: the data is in memory, every filter is pure, and the parsed templates
 * are cached, so Liquid's asynchronous mode would only add a promise per node (2–3× slower).
 * An organisation's own source is parsed on each call (the engine caches only files).
 */
function renderPart(
  prepared: Prepared,
  part: TemplatePart | null,
  source?: string,
  extra: Record<string, unknown> = {},
): string {
  const html = part === 'email.html';
  const engine = engineFor(prepared.dirs, prepared.language, html);
  const own = source ?? (part ? prepared.sources?.[part] : undefined);
  const scope = Object.keys(extra).length ? { ...prepared.scope, ...extra } : prepared.scope;
  try {
    return own === undefined
      ? (engine.renderFileSync(`${prepared.message.template}/${part}.liquid`, scope) as string)
      : (engine.parseAndRenderSync(own, scope) as string);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TemplateError(
      prepared.message.template,
      `${part ?? 'letter.text'} (${prepared.language}): ${reason}`,
      part ?? undefined,
      errorLine(error),
    );
  }
}

/** One line: whitespace runs (newlines included) become single spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Plain text: trailing spaces cut, at most one blank line in a row, no blank lines at the ends. */
function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function paragraphs(text: string): string[] {
  return tidyText(text)
    .split(/\n\n+/)
    .filter((block) => block.length > 0);
}

/**
 * Renders an outbound message with its template: email → subject, text and HTML; SMS → text;
 * letter → subject and the letter as plain text (the PDF is laid out by the letters adapter).
 * Throws a TemplateError naming the template for an unknown template, a channel it lacks, an
 * unknown variable or filter, or a figure it cannot format.
 */
export async function renderMessage(
  message: OutboundMessage,
  options: RenderOptions = {},
): Promise<RenderedMessage> {
  if (message.channel === 'letter') {
    const letter = await renderLetter(message, options);
    return { subject: letter.subject, text: letter.text };
  }
  const prepared = prepare(message, message.channel, options);
  if (message.channel === 'sms') {
    return { text: tidyText(renderPart(prepared, 'sms.text')) };
  }
  const subject = renderPart(prepared, 'email.subject');
  const text = tidyText(renderPart(prepared, 'email.text'));
  const html = renderPart(prepared, 'email.html', undefined, { text_body: text });
  return { subject: oneLine(subject), text, html: html.trim() };
}

/** Renders a letter's pieces for the PDF layout. */
export async function renderLetter(
  message: OutboundMessage,
  options: RenderOptions = {},
): Promise<RenderedLetter> {
  const prepared = prepare(message, 'letter', options);
  const subject = renderPart(prepared, 'letter.subject');
  const opening = renderPart(prepared, 'letter.opening');
  const closing = renderPart(prepared, 'letter.closing');
  const table =
    prepared.scope.items.length > 0 ? renderPart(prepared, null, "{% include 'items_text' %}") : '';
  const letter = {
    subject: oneLine(subject),
    opening: paragraphs(opening),
    closing: paragraphs(closing),
  };
  const text = [letter.subject, ...letter.opening, tidyText(table), ...letter.closing]
    .filter((block) => block.length > 0)
    .join('\n\n');
  return { ...letter, text, scope: prepared.scope };
}
