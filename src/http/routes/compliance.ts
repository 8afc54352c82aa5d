/**
 * Compliance over HTTP: contact preferences (opt-outs, consents, cease communication),
 * interactions, `POST /compliance/check`, messages sent by hand, and a customer's personal
 * data (export and erasure). Thin: validate, call one use case, return its view.
 */
import { z } from 'zod';
import type { ZodApp } from '../server.js';
import { requireRole } from '../auth.js';
import { errorResponses } from '../responses.js';
import { idField } from '../../app/fields.js';
import { complianceCheck, complianceCheckInput } from '../../app/compliance/check-api.js';
import {
  interactionInput,
  interactionListQuery,
  listInteractions,
  recordInteraction,
} from '../../app/compliance/interactions.js';
import { manualMessageInput, sendManualMessage } from '../../app/compliance/manual-messages.js';
import {
  addConsent,
  addOptOut,
  ceaseCommunication,
  ceaseInput,
  consentInput,
  contactPreferencesOf,
  optOutInput,
} from '../../app/compliance/preferences-api.js';
import { complianceResponses } from './compliance-responses.js';
import { exportPersonalData } from '../../app/gdpr/personal-data.js';
import { eraseInput, erasePersonalData } from '../../app/gdpr/erase.js';

const params = z.object({ id: idField });

export function complianceRoutes(app: ZodApp) {
  const preferenceRoute = <B extends z.ZodType>(
    path: string,
    body: B,
    handle: (request: {
      ctx: Parameters<typeof addOptOut>[0];
      id: string;
      body: z.infer<B>;
    }) => Promise<unknown>,
  ) =>
    app.post(
      path,
      {
        schema: {
          tags: ['compliance'],
          params,
          body,
          response: { 200: complianceResponses.preferences, ...errorResponses },
        },
        preHandler: requireRole('collector'),
      },
      async (request) =>
        handle({ ctx: request.ctx, id: request.params.id, body: request.body as z.infer<B> }) as never,
    );
  preferenceRoute('/customers/:id/opt-outs', optOutInput, (r) => addOptOut(r.ctx, r.id, r.body));
  preferenceRoute('/customers/:id/consents', consentInput, (r) => addConsent(r.ctx, r.id, r.body));
  preferenceRoute('/customers/:id/cease-communication', ceaseInput, (r) =>
    ceaseCommunication(r.ctx, r.id, r.body),
  );
  app.get(
    '/customers/:id/contact-preferences',
    {
      schema: {
        tags: ['compliance'],
        params,
        response: { 200: complianceResponses.preferences, ...errorResponses },
      },
    },
    async (request) => contactPreferencesOf(request.ctx, request.params.id),
  );
  app.post(
    '/interactions',
    {
      schema: {
        tags: ['compliance'],
        body: interactionInput,
        response: { 201: complianceResponses.interaction, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request, reply) => reply.code(201).send(await recordInteraction(request.ctx, request.body)),
  );
  app.get(
    '/interactions',
    {
      schema: {
        tags: ['compliance'],
        querystring: interactionListQuery,
        response: { 200: complianceResponses.interactionList, ...errorResponses },
      },
    },
    async (request) => listInteractions(request.ctx, request.query),
  );
  app.post(
    '/compliance/check',
    {
      schema: {
        tags: ['compliance'],
        body: complianceCheckInput,
        response: { 200: complianceResponses.decision, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request) => complianceCheck(request.ctx, request.body),
  );
  app.post(
    '/customers/:id/messages',
    {
      schema: {
        tags: ['compliance'],
        params,
        body: manualMessageInput,
        response: { 201: complianceResponses.manualMessage, ...errorResponses },
      },
      preHandler: requireRole('collector'),
    },
    async (request, reply) =>
      reply.code(201).send(await sendManualMessage(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/customers/:id/personal-data',
    {
      schema: {
        tags: ['compliance'],
        params,
        response: { 200: complianceResponses.personalData, ...errorResponses },
      },
      preHandler: requireRole('manager'),
    },
    async (request) => exportPersonalData(request.ctx, request.params.id),
  );
  app.post(
    '/customers/:id/erase',
    {
      schema: {
        tags: ['compliance'],
        params,
        body: eraseInput,
        response: { 200: complianceResponses.erasure, ...errorResponses },
      },
      preHandler: requireRole('admin'),
    },
    async (request) => erasePersonalData(request.ctx, request.params.id, request.body),
  );
}
