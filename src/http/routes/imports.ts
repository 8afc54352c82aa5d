import type { ZodApp } from '../server.js';

/** Wired once the import use case exists. */
export function importRoutes(_app: ZodApp) {}
