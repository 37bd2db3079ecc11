import { asc, sql } from 'drizzle-orm';
import { poorCreditRecord } from '../tables.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

/** Every record about each person, removed ones included, oldest first (record number breaks ties). */
export const poorCreditRecordsOf = (rows: RowLoaders) =>
  rows.many(poorCreditRecord, poorCreditRecord.citizenId, () => sql`${asc(poorCreditRecord.recordedOn)}, ${asc(poorCreditRecord.recordNo)}`);
