/** Every department's tables, for drizzle-kit and the migrator. The gateway never imports this. */
export * as registry from './registry.js';
export * as education from './education.js';
export * as health from './health.js';
export * as tax from './tax.js';
export * as housing from './housing.js';
export * as hrss from './hrss.js';
