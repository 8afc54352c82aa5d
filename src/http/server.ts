import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../app/context.js';
import type { Database } from '../store/database.js';
import { registerAuth } from './auth.js';
import { handleError } from './errors.js';
import { registerIdempotency } from './idempotency.js';
import { customerRoutes } from './routes/customers.js';
import { invoiceRoutes } from './routes/invoices.js';
import { paymentRoutes } from './routes/payments.js';
import { reportRoutes } from './routes/reports.js';
import { organisationRoutes } from './routes/organisations.js';
import { importRoutes } from './routes/imports.js';
import { claimRoutes } from './routes/claims.js';
import { strategyRoutes } from './routes/strategies.js';
import { runRoutes } from './routes/runs.js';
import { engagementRoutes } from './routes/engagement.js';
import { complianceRoutes } from './routes/compliance.js';
import { auditRoutes } from './routes/audit.js';
import { templateRoutes } from './routes/templates.js';
import { webhookRoutes } from './routes/webhooks.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { planRoutes } from './routes/plans.js';
import { disputeRoutes } from './routes/disputes.js';
import { analyticsRoutes } from './routes/analytics.js';
import { publicRoutes } from './routes/public-pages.js';
import { portalRoutes } from './routes/portal.js';
import { portalLinkRoutes } from './routes/portal-links.js';
import { timelineRoutes } from './routes/timeline.js';
import type { CardPaymentProvider } from '../payments/provider.js';
import { cardProviderFromEnv, publicUrlFromEnv } from '../payments/config.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ServerOptions {
  database: Database;
  clock: Clock;
  logger?: boolean;
  /** The portal's card provider; default from the environment (Stripe-compatible or the sandbox). */
  cardProvider?: CardPaymentProvider;
  /** Base URL debtors reach this server at; default RECOUP_PUBLIC_URL or http://localhost:PORT. */
  publicUrl?: string;
}

const PUBLIC_PATHS = new Set(['/healthz', '/api/v1/openapi.json']);

/** The HTTP interface: thin routes that validate, call one use case and return its view. */
export async function buildServer(options: ServerOptions): Promise<ZodApp> {
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API (checked by the contract test); the body is sent as built.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: 'not_found', message: `no route ${request.method} ${request.url}`, details: [] },
    }),
  );
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Recoup API',
        version: '1',
        description:
          'Accounts-receivable collections: ledger, imports, reports. Amounts are decimal strings.',
      },
      servers: [{ url: '/api/v1' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const { db } = options.database;
  const publicUrl = options.publicUrl ?? publicUrlFromEnv();
  registerAuth(app, db, options.clock, PUBLIC_PATHS);
  registerIdempotency(app, db);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  publicRoutes(app, options.database, options.clock);
  portalRoutes(app, {
    database: options.database,
    clock: options.clock,
    cardProvider: options.cardProvider ?? cardProviderFromEnv(),
    publicUrl,
  });

  await app.register(
    async (api) => {
      const zodApi = api.withTypeProvider<ZodTypeProvider>();
      organisationRoutes(zodApi);
      customerRoutes(zodApi);
      invoiceRoutes(zodApi);
      paymentRoutes(zodApi);
      reportRoutes(zodApi);
      importRoutes(zodApi);
      claimRoutes(zodApi);
      strategyRoutes(zodApi);
      runRoutes(zodApi);
      engagementRoutes(zodApi);
      complianceRoutes(zodApi);
      auditRoutes(zodApi);
      templateRoutes(zodApi);
      webhookRoutes(zodApi);
      deliveryRoutes(zodApi);
      planRoutes(zodApi);
      disputeRoutes(zodApi);
      analyticsRoutes(zodApi);
      portalLinkRoutes(zodApi, publicUrl);
      timelineRoutes(zodApi);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
