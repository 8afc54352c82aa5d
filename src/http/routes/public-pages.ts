import type { FastifyInstance } from 'fastify';
import type { Database } from '../../store/database.js';
import type { Clock } from '../../app/context.js';

/**
 * Pages and hooks debtors and providers reach without an API key, outside `/api/v1`: the
 * unsubscribe link, provider callbacks (inbound SMS, delivery status). Each checks its own
 * signature or token.
 */
export function publicRoutes(_app: FastifyInstance, _database: Database, _clock: Clock) {}
