export * from './round.js';
export * from './dso.js';
export * from './cei.js';
export * from './payment-times.js';
export * from './ratios.js';
export * from './roll-rates.js';
export * from './significance.js';
