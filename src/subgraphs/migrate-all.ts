import type { Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { SUBGRAPHS } from './catalog.js';

/** Migrates every module's schema (the departments' and the audit log's) in one transaction. */
export const migrateAll = (database: Database): Promise<number> => migrate(database, SUBGRAPHS);
