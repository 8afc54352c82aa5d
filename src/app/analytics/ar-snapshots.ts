import type { Ctx } from '../context.js';

// Placeholder until analytics land (issue 8): writes the day's AR snapshot per currency.
export async function writeArSnapshots(_ctx: Ctx, _asOf: Date): Promise<void> {}
