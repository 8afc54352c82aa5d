import type { Db } from '../../store/database.js';
import type { DomainEvent } from '../events/record.js';

// Placeholder until webhooks land (issue 5): replaced by queueing deliveries per endpoint.
export async function enqueueWebhooks(
  _tx: Db,
  _tenantId: string,
  _events: readonly DomainEvent[],
): Promise<void> {}
