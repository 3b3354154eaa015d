// Safety monitoring: plans derived from the treatment record, results matched to them, alerts, the
// clinic's worklist and calendar export. Pure: every function takes the data and an `asOf` day.
export * from './burden.js';
export * from './knowledge.js';
export * from './plan.js';
export * from './settings.js';
export * from './treatment.js';
