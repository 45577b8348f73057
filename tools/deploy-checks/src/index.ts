export * from './deploy-files.js';
export * from './nats-users.js';
export * from './permission-errors.js';
export * from './service-process.js';
export * from './prometheus-server.js';
export * from './grafana-files.js';
export * from './promtool.js';
