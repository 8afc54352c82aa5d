import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';

/**
 * Builds the RFC 5322 message for one email: headers, and a multipart/alternative body with a
 * text and an HTML part, both UTF-8 in base64. Composing it here and handing nodemailer the raw
 * bytes costs a third of nodemailer's own streaming composer per message (see bench/email-bench.ts),
 * and keeps the output deterministic for a given Date.
 */
export interface MimeMessage {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  date: Date;
  /** Extra headers, names as written; values must be ASCII (they are folded, not encoded). */
  headers?: Record<string, string>;
  /** Files sent with it (a PDF statement): the body becomes multipart/mixed. */
  attachments?: MimeAttachment[];
}

export interface MimeAttachment {
  /** ASCII file name (it is quoted, not encoded). */
  name: string;
  contentType: string;
  content: Buffer;
}

export interface Mailbox {
  name?: string;
  address: string;
}

const ATEXT_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/**
 * Parses "Name <user@example.com>" or "user@example.com". An address with anything a header
 * could be smuggled through (line breaks, spaces, quotes, non-ASCII local part) is refused;
 * an internationalised domain is converted to its ASCII form.
 */
export function parseMailbox(text: string): Mailbox {
  const trimmed = text.trim();
  const angle = /^(.*?)\s*<([^<>]*)>$/.exec(trimmed);
  const rawName = angle ? angle[1]!.trim().replace(/^"(.*)"$/, '$1') : '';
  const rawAddress = (angle ? angle[2]! : trimmed).trim();
  const at = rawAddress.lastIndexOf('@');
  const domain = at > 0 ? domainToASCII(rawAddress.slice(at + 1)) : '';
  const address = at > 0 && domain ? `${rawAddress.slice(0, at)}@${domain}` : rawAddress;
  if (!ATEXT_ADDRESS.test(address) || address.length > 254) {
    throw new RangeError(`"${text}" is not an email address`);
  }
  if (/[\r\n]/.test(rawName)) throw new RangeError(`"${text}" has a line break in its name`);
  return rawName ? { name: rawName, address } : { address };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** RFC 2047 encoded words (UTF-8, base64), each at most 75 characters, never splitting a character. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    // 39 bytes of UTF-8 become 52 base64 characters; with "=?UTF-8?B?" and "?=" that is 64.
    if (Buffer.byteLength(chunk + char) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`);
}

/** An unstructured header value (Subject, a display name): as is when plain ASCII, else encoded. */
export function encodeHeaderText(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  if (PRINTABLE_ASCII.test(clean) && !/=\?/.test(clean)) return clean;
  // Space between encoded words is dropped by readers; it is where the header may be folded.
  return encodedWords(clean).join(' ');
}

function formatMailbox(mailbox: Mailbox): string {
  if (!mailbox.name) return mailbox.address;
  const name = PRINTABLE_ASCII.test(mailbox.name)
    ? `"${mailbox.name.replace(/["\\]/g, '\\$&')}"`
    : encodeHeaderText(mailbox.name);
  return `${name} <${mailbox.address}>`;
}

/**
 * Folds a header at spaces so its lines stay within 78 characters where a space allows it
 * (a single longer word, such as a long URL, stays whole: the hard limit is 998).
 */
function foldHeader(name: string, value: string): string {
  const lines: string[] = [];
  let current = `${name}:`;
  for (const word of value.split(' ')) {
    const fitsHere = current.length + 1 + word.length <= 78;
    const fitsAlone = 1 + word.length <= 78;
    if (!fitsHere && (current !== `${name}:` || fitsAlone)) {
      lines.push(current);
      current = ` ${word}`;
    } else {
      current += ` ${word}`;
    }
  }
  lines.push(current);
  return lines.join('\r\n');
}

function base64Lines(text: string | Buffer): string {
  const encoded = (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64');
  const lines: string[] = [];
  for (let index = 0; index < encoded.length; index += 76) lines.push(encoded.slice(index, index + 76));
  return lines.join('\r\n');
}

/** RFC 5322 date in UTC: "Sat, 15 Jun 2024 10:00:00 +0000". */
function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** The message as bytes, CRLF line ends, ready for SMTP DATA. */
export function buildMimeMessage(message: MimeMessage): Buffer {
  const from = parseMailbox(message.from);
  const to = parseMailbox(message.to);
  // "=_" cannot occur in base64 text, so the boundary never collides with a part's content.
  const boundary = `=_recoup_${createHash('sha256').update(message.messageId).digest('hex').slice(0, 24)}`;
  const headers: [string, string][] = [
    ['From', formatMailbox(from)],
    ['To', formatMailbox(to)],
  ];
  if (message.replyTo) headers.push(['Reply-To', formatMailbox(parseMailbox(message.replyTo))]);
  headers.push(
    ['Subject', encodeHeaderText(message.subject)],
    ['Date', formatDate(message.date)],
    ['Message-ID', message.messageId],
  );
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!PRINTABLE_ASCII.test(value)) throw new RangeError(`header ${name} must be printable ASCII`);
    headers.push([name, value]);
  }
  headers.push(['MIME-Version', '1.0']);

  const part = (type: string, body: string) =>
    `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}\r\n`;
  // The readable content: one part, or a text and an HTML alternative.
  let content: string;
  if (message.html === undefined) {
    content = part('text/plain', message.text);
  } else {
    content =
      `Content-Type: multipart/alternative;\r\n boundary="${boundary}"\r\n\r\n` +
      `--${boundary}\r\n${part('text/plain', message.text)}` +
      `--${boundary}\r\n${part('text/html', message.html)}` +
      `--${boundary}--\r\n`;
  }
  const attachments = message.attachments ?? [];
  let body = content;
  if (attachments.length > 0) {
    // Not a prefix of the inner boundary, nor the inner one of it.
    const mixed = boundary.replace('=_recoup_', '=_mixed_');
    body =
      `Content-Type: multipart/mixed;\r\n boundary="${mixed}"\r\n\r\n` +
      `--${mixed}\r\n${content}` +
      attachments.map((file) => `--${mixed}\r\n${attachmentPart(file)}`).join('') +
      `--${mixed}--\r\n`;
  }
  const head = headers.map(([name, value]) => foldHeader(name, value)).join('\r\n');
  // The body starts with its own Content-Type line, which ends the header block.
  return Buffer.from(`${head}\r\n${body}`, 'utf8');
}

const SAFE_FILE_NAME = /^[A-Za-z0-9._ -]{1,100}$/;

function attachmentPart(file: MimeAttachment): string {
  if (!SAFE_FILE_NAME.test(file.name))
    throw new RangeError(`attachment name "${file.name}" is not plain ASCII`);
  return (
    `Content-Type: ${file.contentType}; name="${file.name}"\r\n` +
    `Content-Disposition: attachment; filename="${file.name}"\r\n` +
    `Content-Transfer-Encoding: base64\r\n\r\n${base64Lines(file.content)}\r\n`
  );
}
