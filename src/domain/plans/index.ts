export * from './schedule.js';
export * from './rules.js';
export * from './status.js';
