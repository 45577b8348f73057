export * from './catalog.js';
export * from './rejection.js';
