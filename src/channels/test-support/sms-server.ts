import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface LocalSmsServer {
  url: string;
  requests: SmsRequest[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local server speaking the subset of Twilio's Messages API the adapter uses. It answers by the
 * destination number: +15005550001 → 400 with code 21211 (invalid number), +15005550429 → 429,
 * +15005550500 → 500, +15005550999 → never answers; any other valid request → 201 with a sid.
 */
export async function startSmsServer(account: { sid: string; token: string }): Promise<LocalSmsServer> {
  const requests: SmsRequest[] = [];
  let next = 1;
  const server = createServer(async (request, response) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(request)));
    requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      form,
    });
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const expectedAuth = `Basic ${Buffer.from(`${account.sid}:${account.token}`).toString('base64')}`;
    if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${account.sid}/Messages.json`) {
      return answer(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    }
    if (request.headers.authorization !== expectedAuth) {
      return answer(401, { code: 20003, message: 'Authentication Error - invalid username', status: 401 });
    }
    if (form.To === '+15005550001') {
      return answer(400, {
        code: 21211,
        message: `The 'To' number ${form.To} is not a valid phone number.`,
        status: 400,
      });
    }
    if (form.To === '+15005550429')
      return answer(429, { code: 20429, message: 'Too Many Requests', status: 429 });
    if (form.To === '+15005550500')
      return answer(500, { code: 20500, message: 'Internal Server Error', status: 500 });
    if (form.To === '+15005550999') return; // Never answers: the client's timeout must end the wait.
    if (!form.To || !form.Body || !(form.From || form.MessagingServiceSid)) {
      return answer(400, { code: 21604, message: 'A required parameter is missing', status: 400 });
    }
    const sid = `SM${String(next++).padStart(32, '0')}`;
    answer(201, { sid, status: 'queued', to: form.To, from: form.From, body: form.Body });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
