import type { DeliveryOutcome } from '../message.js';
import { failed } from '../outcome.js';

interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * Turns a nodemailer error into an outcome. A 5xx reply (except 503, a wrong session state) is a
 * permanent refusal of this message, typically an unknown mailbox: no more attempts. 4xx replies,
 * lost connections and timeouts are temporary. A refused login (EAUTH, 535) is temporary too:
 * it is the server's configuration, not this message, and every message would fail the same way.
 */
export function classifySmtpError(error: unknown): DeliveryOutcome {
  const smtp = (error ?? {}) as SmtpErrorLike;
  const reply = smtp.response ?? smtp.message ?? String(error);
  const where = smtp.command ? ` (${smtp.command})` : '';
  if (smtp.code === 'EAUTH') return failed(`SMTP login refused: ${reply}`, false);
  const code = smtp.responseCode;
  if (code !== undefined && code >= 500 && code < 600 && code !== 503) {
    // 550/551/553 to RCPT TO: no such mailbox (a hard bounce at the door).
    const noMailbox = [550, 551, 553].includes(code) && /RCPT/i.test(smtp.command ?? '');
    return failed(`SMTP server refused the message${where}: ${reply}`, true, noMailbox);
  }
  if (code !== undefined) return failed(`SMTP server deferred the message${where}: ${reply}`, false);
  // No reply at all: nodemailer refused the envelope itself (an address it cannot parse) or the connection failed.
  if (smtp.code === 'EENVELOPE') return failed(`invalid email envelope: ${reply}`, true);
  return failed(`SMTP connection failed${smtp.code ? ` (${smtp.code})` : ''}: ${reply}`, false);
}
