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
    method: 'GET' | 'POST' | 'DELETE',
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
