export * from './dates.js';
export * from './ids.js';
export * from './text.js';
export * from './therapy-ends.js';
export * from './schema.js';
export * from './units.js';
export * from './validate.js';
export * from './vocabularies.js';
