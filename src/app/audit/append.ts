import type { Db } from '../../store/database.js';
import type { DomainEvent } from '../events/record.js';

// Placeholder until the audit log lands (issue 6): replaced by the hash-chained append.
export async function appendAudit(
  _tx: Db,
  _tenantId: string,
  _events: readonly DomainEvent[],
): Promise<void> {}
