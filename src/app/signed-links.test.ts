import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, openTestDatabase } from '../../test/support/database.js';
import type { Database } from '../store/database.js';
import { issueToken, signToken, verifyToken } from './signed-links.js';

describe('signed links', () => {
  let database: Database;
  let tenantA: string;
  let tenantB: string;
  const now = new Date('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase();
    tenantA = (await createTestOrg(database, { name: 'A' })).ctx.tenantId;
    tenantB = (await createTestOrg(database, { name: 'B' })).ctx.tenantId;
  });
  afterAll(() => database.close());

  it('accepts its own token for its purpose until it expires', async () => {
    const token = await issueToken(database.db, tenantA, 'cust-1', 'portal', now);
    const claims = await verifyToken(database.db, token, 'portal', now);
    expect(claims).toMatchObject({ tenantId: tenantA, customerId: 'cust-1', purpose: 'portal' });
    const later = new Date(now.getTime() + 31 * 86_400_000);
    await expect(verifyToken(database.db, token, 'portal', later)).rejects.toMatchObject({
      code: 'link_expired',
    });
  });

  it('refuses another purpose, an edited customer, another organisation’s secret and garbage', async () => {
    const token = await issueToken(database.db, tenantA, 'cust-1', 'unsubscribe', now);
    await expect(verifyToken(database.db, token, 'portal', now)).rejects.toMatchObject({
      code: 'invalid_link',
    });

    const [body, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const edited = Buffer.from(JSON.stringify({ ...claims, c: 'cust-2' })).toString('base64url');
    await expect(
      verifyToken(database.db, `${edited}.${signature}`, 'unsubscribe', now),
    ).rejects.toMatchObject({
      code: 'invalid_link',
    });

    const forged = signToken('not-the-secret', {
      tenantId: tenantB,
      customerId: 'cust-1',
      purpose: 'unsubscribe',
      expiresAt: now.getTime() / 1000 + 3600,
    });
    await issueToken(database.db, tenantB, 'x', 'portal', now);
    await expect(verifyToken(database.db, forged, 'unsubscribe', now)).rejects.toMatchObject({
      code: 'invalid_link',
    });
    for (const junk of ['', 'abc', 'a.b.c', '%%%.x'])
      await expect(verifyToken(database.db, junk, 'portal', now)).rejects.toMatchObject({
        code: 'invalid_link',
      });
  });
});
