import type { ZodApp } from '../server.js';

// Routes to come (this session's work in progress).
export function analyticsRoutes(_app: ZodApp) {}
