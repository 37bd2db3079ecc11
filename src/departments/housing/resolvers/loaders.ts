import { asc } from 'drizzle-orm';
import { dwelling, providentFund, providentFundContribution, publicHousing } from '../tables.js';
import type { RowLoaders } from '../../../subgraphs/row-loaders.js';

/** Oldest first, so the current home is the last one not yet left. */
export const dwellingsOf = (rows: RowLoaders) => rows.many(dwelling, dwelling.citizenId, () => asc(dwelling.since));
export const publicHousingCasesOf = (rows: RowLoaders) => rows.many(publicHousing, publicHousing.citizenId, () => asc(publicHousing.appliedOn));
export const providentFundOf = (rows: RowLoaders) => rows.one(providentFund, providentFund.citizenId);
export const providentFundContributionsOf = (rows: RowLoaders) =>
  rows.many(providentFundContribution, providentFundContribution.citizenId, () => asc(providentFundContribution.fromMonth));
