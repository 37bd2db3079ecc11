import { asc } from 'drizzle-orm';
import type { HousingSliceResolvers } from '../generated.js';
import { dwelling, providentFund, publicHousing } from '../tables.js';
import type { SubgraphContext } from '../../../subgraphs/context.js';

const dwellingsOf = (citizenId: string, { rows }: SubgraphContext) =>
  rows.many(dwelling, dwelling.citizenId, asc(dwelling.since)).load(citizenId);

export const HousingSlice: HousingSliceResolvers = {
  dwellings: ({ citizenId }, _args, context) => dwellingsOf(citizenId, context),
  currentDwelling: async ({ citizenId }, _args, context) =>
    (await dwellingsOf(citizenId, context)).findLast((d) => d.until === null) ?? null,
  publicHousingCases: ({ citizenId }, _args, { rows }) =>
    rows.many(publicHousing, publicHousing.citizenId, asc(publicHousing.appliedOn)).load(citizenId),
  providentFund: ({ citizenId }, _args, { rows }) => rows.one(providentFund, providentFund.citizenId).load(citizenId),
};
