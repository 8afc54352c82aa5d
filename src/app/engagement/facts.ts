/**
 * What payment plans and disputes mean for the run, for a batch of customers: holds on the
 * items they cover, events that fire steps (`instalment_missed`, `dispute_resolved`) and the
 * days on which something changes by itself (an instalment falls due).
 */
import type { CalendarDate } from '../../domain/dates.js';
import type { SnapshotEvent } from '../../domain/strategies/evaluate.js';
import type { Db } from '../../store/database.js';
import type { ActiveHold } from '../holds.js';

export interface EngagementFacts {
  holds: ActiveHold[];
  events: SnapshotEvent[];
  wakeUps: CalendarDate[];
}

// Placeholder until payment plans and disputes land (issue 7).
export async function loadEngagementFacts(
  _db: Db,
  _tenantId: string,
  _todayOf: ReadonlyMap<string, CalendarDate>,
  _asOf: Date,
): Promise<Map<string, EngagementFacts>> {
  return new Map();
}
