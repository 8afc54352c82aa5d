export * from './behaviour.js';
export * from './alerts.js';
