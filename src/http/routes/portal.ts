import type { FastifyInstance } from 'fastify';
import type { Database } from '../../store/database.js';
import type { Clock } from '../../app/context.js';

/** The debtor portal under `/portal`, reached by signed magic links (to come). */
export function portalRoutes(_app: FastifyInstance, _database: Database, _clock: Clock) {}
