// Safety monitoring: plans derived from the treatment record, results matched to them, alerts, the
// clinic's worklist and calendar export. Pure: every function takes the data and an `asOf` day.
export * from './alerts.js';
export * from './burden.js';
export * from './ics.js';
export * from './knowledge.js';
export * from './monitoring.js';
export * from './plan.js';
export * from './results.js';
export * from './results-input.js';
export * from './results-validate.js';
export * from './settings.js';
export * from './status.js';
export * from './text.js';
export * from './timezone.js';
export * from './treatment.js';
export * from './worklist.js';
