/**
 * The debtor portal under `/portal`, server-rendered HTML that works on a phone. Every request
 * carries the magic link's token (query or form field); without a valid one nothing is shown.
 * Forms post back here and redirect (post/redirect/get), so a reload never repeats an action.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Database } from '../../store/database.js';
import type { Clock } from '../../app/context.js';
import { RecoupError } from '../../domain/errors.js';
import type { CardPaymentProvider } from '../../payments/provider.js';
import { ProviderError } from '../../payments/provider.js';
import { openPortalSession, type PortalSession } from '../../app/portal/session.js';
import { portalOverview } from '../../app/portal/overview.js';
import { completeCardPayment, portalPaymentOf, startCardPayment } from '../../app/portal/card-payment.js';
import { createPromise } from '../../app/promises.js';
import {
  messagePage,
  overviewPage,
  sandboxCheckoutPage,
  type OverviewExtras,
} from '../portal/overview-page.js';
import { actionSections, DONE_MESSAGES, registerActionRoutes } from '../portal/actions.js';
import { listField, multipartFields, textField, urlEncodedFields, type PortalForm } from '../portal/forms.js';

export interface PortalOptions {
  database: Database;
  clock: Clock;
  cardProvider: CardPaymentProvider;
  publicUrl: string;
}

export function portalRoutes(app: FastifyInstance, options: PortalOptions) {
  const { database, clock, cardProvider, publicUrl } = options;
  const { db } = database;

  void app.register(async (portal) => {
    hideFromOpenApi(portal);
    // Forms: url-encoded, or multipart when a file is attached (dispute evidence).
    portal.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => done(null, urlEncodedFields(new URLSearchParams(body as string))),
    );
    await portal.register(multipart, {
      attachFieldsToBody: true,
      limits: { fileSize: 2 * 1024 * 1024, files: 1 },
    });

    portal.addHook('preValidation', async (request) => {
      if (request.isMultipart())
        request.body = await multipartFields(request.body as Parameters<typeof multipartFields>[0]);
    });

    const session = async (request: FastifyRequest) => {
      const token = tokenOf(request);
      return openPortalSession(db, clock, token);
    };
    const show = async (reply: FastifyReply, s: PortalSession, extras: OverviewExtras = {}, status = 200) => {
      const view = await portalOverview(s);
      const sections = view.items.length ? await actionSections(s, view) : [];
      return reply
        .code(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .send(
          overviewPage(view, s.token, {
            ...extras,
            sections: [...sections, ...(extras.sections ?? [])],
          }),
        );
    };
    const back = (reply: FastifyReply, s: PortalSession, done: string) =>
      reply.redirect(`/portal?token=${encodeURIComponent(s.token)}&done=${done}`, 303);

    portal.setErrorHandler(async (error, request, reply) => {
      const known = error instanceof RecoupError;
      if (known && error.kind === 'unauthorized')
        return reply
          .code(401)
          .type('text/html; charset=utf-8')
          .send(
            messagePage(
              'Recoup',
              'This link does not work',
              error.code === 'link_expired'
                ? 'This link has expired. The next message we send you will carry a new one, or contact us and we will send you one.'
                : 'This link is not valid. Please use the link from our latest message.',
            ),
          );
      request.log.error(error);
      if (known && error.kind !== 'not_found') {
        // A refused action shows the page again with the reason, changing nothing.
        const s = await session(request).catch(() => null);
        const text = error.details.length
          ? error.details.map((d) => `${d.path}: ${d.message}`).join('; ')
          : error.message;
        if (s) return show(reply, s, { notice: { text, error: true } }, 422);
      }
      const message =
        error instanceof ProviderError
          ? 'The card payment service is not available right now. Please try again later or pay by bank transfer.'
          : 'Something went wrong. Please try again.';
      return reply
        .code(known ? 404 : 502)
        .type('text/html; charset=utf-8')
        .send(messagePage('Recoup', 'Sorry', message));
    });

    portal.get('/portal', async (request, reply) => {
      const s = await session(request);
      const done = (request.query as Record<string, string>).done;
      const text = (done && DONE_MESSAGES[done]) || undefined;
      return show(reply, s, text ? { notice: { text } } : {});
    });

    portal.post('/portal/pay', async (request, reply) => {
      const s = await session(request);
      const ids = listField((request.body as PortalForm).invoice_ids);
      const { redirectUrl } = await startCardPayment(s, cardProvider, ids, publicUrl);
      return reply.redirect(redirectUrl, 303);
    });

    portal.get('/portal/paid', async (request, reply) => {
      const s = await session(request);
      const paymentId = String((request.query as Record<string, string>).payment ?? '');
      const row = await portalPaymentOf(s, paymentId);
      if (!row) throw new RecoupError('not_found', 'not_found', 'no such payment');
      if (row.status === 'pending' && row.provider === 'sandbox')
        return reply
          .type('text/html; charset=utf-8')
          .send(sandboxCheckoutPage(s.organisationName, s.token, row.id, row.amount, row.currency, 'en'));
      if (row.status === 'pending' && row.providerId && row.provider === cardProvider.name) {
        const state = await cardProvider.retrieveCheckout(row.providerId);
        await completeCardPayment(db, clock, { tenantId: s.ctx.tenantId, paymentId: row.id }, state);
      }
      const fresh = await portalPaymentOf(s, paymentId);
      return reply.redirect(
        `/portal?token=${encodeURIComponent(s.token)}&done=${fresh?.status === 'succeeded' ? 'paid' : 'payment_pending'}`,
        303,
      );
    });

    // The sandbox stands in for a card provider's hosted page when none is configured.
    portal.post('/portal/sandbox-pay', async (request, reply) => {
      const s = await session(request);
      const row = await portalPaymentOf(s, textField((request.body as PortalForm).payment));
      if (!row || row.provider !== 'sandbox')
        throw new RecoupError('not_found', 'not_found', 'no such payment');
      await completeCardPayment(
        db,
        clock,
        { tenantId: s.ctx.tenantId, paymentId: row.id },
        {
          status: 'succeeded',
          amountMinor: row.amount,
          currency: row.currency,
        },
      );
      return back(reply, s, 'paid');
    });

    portal.post('/portal/promise', async (request, reply) => {
      const s = await session(request);
      const form = request.body as PortalForm;
      await createPromise(s.ctx, {
        customer_id: s.customerId,
        amount: textField(form.amount),
        currency: textField(form.currency),
        due_on: textField(form.due_on),
        invoice_ids: [],
        channel: 'portal',
        confirm: true,
      });
      return back(reply, s, 'promise');
    });

    registerActionRoutes(portal, { session, back });
  });

  // The card provider's webhook: signed by the provider, no token.
  void app.register(async (hooks) => {
    hideFromOpenApi(hooks);
    hooks.removeContentTypeParser('application/json');
    hooks.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    hooks.post('/hooks/payments/:provider', async (request, reply) => {
      const { provider } = request.params as { provider: string };
      if (provider !== cardProvider.name)
        return reply
          .code(404)
          .send({ error: { code: 'not_found', message: 'unknown provider', details: [] } });
      let event;
      try {
        event = cardProvider.parseWebhook(request.body as string, request.headers, clock.now());
      } catch (error) {
        return reply
          .code(400)
          .send({ error: { code: 'invalid_signature', message: (error as Error).message, details: [] } });
      }
      if (!event) return reply.code(200).send({ received: true, ignored: true });
      const outcome = await completeCardPayment(
        db,
        clock,
        { provider: cardProvider.name, providerId: event.providerId },
        event.state,
      ).catch((error: unknown) => {
        if (error instanceof RecoupError && error.kind === 'not_found') return 'unknown' as const;
        throw error;
      });
      return reply.code(200).send({ received: true, outcome });
    });
  });
}

/** Pages and provider callbacks are not part of the JSON API its OpenAPI document describes. */
function hideFromOpenApi(scope: FastifyInstance) {
  scope.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
}

function tokenOf(request: FastifyRequest): string {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.token;
  const fromBody = (request.body as PortalForm | undefined)?.token;
  const token = typeof fromQuery === 'string' ? fromQuery : typeof fromBody === 'string' ? fromBody : '';
  if (!token) throw new RecoupError('unauthorized', 'invalid_link', 'no token');
  return token;
}
