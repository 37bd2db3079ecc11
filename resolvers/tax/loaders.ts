import { desc } from 'drizzle-orm';
import { annualReturn, taxpayer } from '../../src/db/tables/tax.js';
import type { RowLoaders } from '../../src/subgraphs/row-loaders.js';

export const taxpayerOf = (rows: RowLoaders) => rows.one(taxpayer, taxpayer.citizenId);

export const annualReturnsOf = (rows: RowLoaders) => rows.many(annualReturn, annualReturn.citizenId, desc(annualReturn.year));
