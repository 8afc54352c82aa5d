export * from './weighted.js';
export * from './delay-model.js';
export * from './metrics.js';
export * from './ibm-history.js';
export * from './evaluate.js';
