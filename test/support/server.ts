import type { ZodType } from 'zod';
import { fixedClock, type Clock } from '../../src/app/context.js';
import { createOrganisation } from '../../src/app/organisations.js';
import { buildServer, type ZodApp } from '../../src/http/server.js';
import type { Database } from '../../src/store/database.js';
import { openTestDatabase } from './database.js';

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response JSON, read freely in tests
  body: any;
  headers: Record<string, unknown>;
}

export interface TestApi {
  app: ZodApp;
  database: Database;
  /** Calls the API as the organisation whose key is given; `body` is untyped JSON on purpose. */
  call(
    key: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  newOrganisation(name?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApi(clock: Clock = fixedClock('2024-06-01T12:00:00Z')): Promise<TestApi> {
  const database = await openTestDatabase();
  const app = await buildServer({ database, clock });
  const violations = checkResponsesAgainstSchemas(app);
  await app.ready();
  return {
    app,
    database,
    async call(key, method, url, body, headers = {}) {
      const response = await app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${key}`, ...headers },
        ...(body !== undefined && { payload: body as object }),
      });
      const text = response.body;
      const violation = violations.shift();
      if (violation) throw new Error(`response does not match its documented schema: ${violation}`);
      return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async newOrganisation(name = 'Org') {
      const org = await createOrganisation(database.db, {
        name,
        country: 'GB',
        time_zone: 'Europe/London',
        base_currency: 'EUR',
        rule_packs: [],
      });
      return org.api_key;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Every response the tests see is checked against the schema the route documents for its status,
 * so the OpenAPI document cannot drift from what the API sends.
 */
function checkResponsesAgainstSchemas(app: ZodApp): string[] {
  const violations: string[] = [];
  app.addHook('onSend', async (request, reply, payload) => {
    const schemas = request.routeOptions.schema?.response as Record<number, ZodType> | undefined;
    const schema = schemas?.[reply.statusCode];
    if (!schema || typeof payload !== 'string') return payload;
    const result = schema.safeParse(JSON.parse(payload));
    if (!result.success) {
      violations.push(
        `${request.method} ${request.url} ${reply.statusCode}: ${JSON.stringify(result.error.issues.slice(0, 3))}`,
      );
    }
    return payload;
  });
  return violations;
}
