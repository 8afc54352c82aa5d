import type { ZodApp } from '../server.js';

// Routes to come (this session's work in progress).
export function templateRoutes(_app: ZodApp) {}
