import { desc } from 'drizzle-orm';
import { annualReturn, taxpayer } from '../tables.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

export const taxpayerOf = (rows: RowLoaders) => rows.one(taxpayer, taxpayer.citizenId);

export const annualReturnsOf = (rows: RowLoaders) => rows.many(annualReturn, annualReturn.citizenId, desc(annualReturn.year));
