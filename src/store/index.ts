export * from './db.js';
export * from './migrate.js';
export * from './audit.js';
export * from './tokens.js';
export * from './histories.js';
export * from './assessments.js';
export * from './feedback.js';
export * from './cds.js';
