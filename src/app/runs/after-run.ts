/**
 * What follows a completed run that changed things: events whose time has come (promises
 * broken, instalments missed) go to the audit log and webhooks, the day's AR snapshot is
 * written for cheap trends, and payment-behaviour alerts (`customer.alert`) are recorded once
 * a month per customer and kind. Each is idempotent, so a run resumed after a crash may repeat it.
 */
import type { Ctx } from '../context.js';
import { recordEngagementEvents } from '../engagement/sweep.js';
import { writeArSnapshots } from '../analytics/ar-snapshots.js';
import { recordAlertsAfterRun } from '../analytics/alerts.js';

export async function afterRun(ctx: Ctx, asOf: Date): Promise<void> {
  await recordEngagementEvents(ctx, asOf);
  await writeArSnapshots(ctx, asOf);
  await recordAlertsAfterRun(ctx, asOf);
}
