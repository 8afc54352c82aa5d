import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface LocalSmtpServer {
  url: string;
  /** Messages received, parsed (only when started with `parse: true`). */
  received: ParsedMail[];
  /** Number of messages accepted. */
  count(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 for tests and benchmarks. Recipients whose local part starts
 * with `unknown` are refused with 550, `busy` with 451.
 */
export async function startSmtpServer(options: { parse: boolean }): Promise<LocalSmtpServer> {
  const received: ParsedMail[] = [];
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0] ?? '';
      if (local.startsWith('unknown')) {
        return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      }
      if (local.startsWith('busy')) {
        return callback(
          Object.assign(new Error('4.2.1 Mailbox busy, try again later'), { responseCode: 451 }),
        );
      }
      callback();
    },
    onData(stream, _session, callback) {
      if (!options.parse) {
        stream.on('data', () => {});
        stream.on('end', () => {
          accepted++;
          callback();
        });
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          accepted++;
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    count: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
