import { desc } from 'drizzle-orm';
import { annualReturn, evasionFinding, taxpayer } from '../tables.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

/** One loader per table (one statement per request, whoever asks: resolvers or the points facts); each fixes its order here. */
export const taxpayerOf = (rows: RowLoaders) => rows.one(taxpayer, taxpayer.citizenId);

export const annualReturnsOf = (rows: RowLoaders) => rows.many(annualReturn, annualReturn.citizenId, () => desc(annualReturn.year));

export const evasionFindingsOf = (rows: RowLoaders) => rows.many(evasionFinding, evasionFinding.citizenId, () => desc(evasionFinding.decidedOn));
