import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../../store/database.js';
import { organisations } from '../../store/schema.js';
import type { Clock } from '../../app/context.js';
import { verifyToken, type LinkClaims } from '../../app/signed-links.js';
import { optOutDebtor } from '../../app/deliveries/opt-out.js';
import { handleInboundSms, handleSmsStatus, readSmsStatus } from '../../app/deliveries/sms-hooks.js';
import { RecoupError } from '../../domain/errors.js';
import { parseInboundSms } from '../../channels/sms/inbound.js';
import { verifyTwilioSignature } from '../../channels/sms/signature.js';
import { publicBase } from '../../channels/templates/scope.js';
import { brokenLinkPage, confirmPage, donePage } from '../public/unsubscribe-page.js';

export interface PublicHookSettings {
  /** Base URL providers and debtors reach us at: the URL a Twilio signature covers. */
  publicUrl?: string;
  /** The SMS account's auth token, which signs its webhooks; none: the SMS hooks answer 404. */
  smsAuthToken?: string;
}

function settingsFromEnv(): PublicHookSettings {
  return {
    publicUrl: process.env.RECOUP_PUBLIC_URL?.trim() || undefined,
    smsAuthToken: process.env.RECOUP_SMS_TOKEN?.trim() || undefined,
  };
}

type Form = Record<string, string>;

/**
 * Pages and hooks debtors and providers reach without an API key, outside `/api/v1`: the
 * unsubscribe link, provider callbacks (inbound SMS, delivery status). Each checks its own
 * signature or token.
 */
export function publicRoutes(
  app: FastifyInstance,
  database: Database,
  clock: Clock,
  settings: PublicHookSettings = settingsFromEnv(),
) {
  const { db } = database;
  void app.register(async (scope) => {
    // Forms (one-click unsubscribe, Twilio's callbacks), in this scope only; any other body is
    // read as text and ignored, so a mail provider's one-click POST is never refused for its type.
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      } catch {
        done(null, {});
      }
    });

    const claimsOf = async (request: FastifyRequest, reply: FastifyReply): Promise<LinkClaims | null> => {
      const token = (request.query as { token?: string }).token ?? '';
      try {
        return await verifyToken(db, token, 'unsubscribe', clock.now());
      } catch (error) {
        if (!(error instanceof RecoupError)) throw error;
        await reply
          .code(error.code === 'link_expired' ? 410 : 400)
          .type('text/html')
          .send(brokenLinkPage(error.message));
        return null;
      }
    };
    const organisationName = async (tenantId: string) => {
      const [row] = await db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.tenantId, tenantId));
      return row?.name ?? 'the sender';
    };

    scope.get('/unsubscribe', { schema: { hide: true } }, async (request, reply) => {
      const claims = await claimsOf(request, reply);
      if (!claims) return reply;
      const token = (request.query as { token: string }).token;
      return reply
        .type('text/html')
        .send(
          confirmPage(
            await organisationName(claims.tenantId),
            `/unsubscribe?token=${encodeURIComponent(token)}`,
          ),
        );
    });

    // RFC 8058 one-click: the mail provider (or the confirmation form) posts here.
    scope.post('/unsubscribe', { schema: { hide: true } }, async (request, reply) => {
      const claims = await claimsOf(request, reply);
      if (!claims) return reply;
      await db.transaction((tx) =>
        optOutDebtor(tx, claims.tenantId, claims.customerId, {
          channel: 'email',
          address: null,
          effectiveAt: clock.now(),
          source: 'unsubscribe',
          actor: `link:${claims.customerId}`,
        }),
      );
      return reply.type('text/html').send(donePage(await organisationName(claims.tenantId)));
    });

    /** The form, if the provider signed it with our SMS account's token; else the reply is sent. */
    const signedForm = async (request: FastifyRequest, reply: FastifyReply): Promise<Form | null> => {
      if (!settings.smsAuthToken) {
        await reply.code(404).send({
          error: { code: 'not_found', message: 'SMS is not configured (RECOUP_SMS_URL)', details: [] },
        });
        return null;
      }
      const params = (request.body ?? {}) as Form;
      const valid = verifyTwilioSignature({
        authToken: settings.smsAuthToken,
        url: `${publicBase(settings.publicUrl)}${request.url}`,
        params,
        signature: request.headers['x-twilio-signature'] as string | undefined,
      });
      if (!valid) {
        await reply.code(403).send({
          error: { code: 'invalid_signature', message: 'X-Twilio-Signature does not match', details: [] },
        });
        return null;
      }
      return params;
    };

    scope.post('/hooks/sms/inbound', { schema: { hide: true } }, async (request, reply) => {
      const form = await signedForm(request, reply);
      if (!form) return reply;
      let inbound;
      try {
        inbound = parseInboundSms(form);
      } catch (error) {
        return reply.code(400).send({
          error: {
            code: 'validation_failed',
            message: (error as Error).message,
            details: [{ path: 'From', message: 'is required' }],
          },
        });
      }
      await handleInboundSms(db, inbound, clock.now());
      // An empty TwiML answer: we reply nothing (the provider confirms STOP itself).
      return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    });

    scope.post('/hooks/sms/status', { schema: { hide: true } }, async (request, reply) => {
      const form = await signedForm(request, reply);
      if (!form) return reply;
      const update = readSmsStatus(form);
      if (!update)
        return reply.code(400).send({
          error: {
            code: 'validation_failed',
            message: 'a status callback needs MessageSid and MessageStatus',
            details: [{ path: 'MessageStatus', message: 'is required' }],
          },
        });
      await handleSmsStatus(db, update, clock.now());
      return reply.code(204).send();
    });
  });
}
