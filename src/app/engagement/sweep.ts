import type { Ctx } from '../context.js';

// Placeholder until plans land (issue 7): records promise.broken / instalment.missed events.
export async function recordEngagementEvents(_ctx: Ctx, _asOf: Date): Promise<void> {}
