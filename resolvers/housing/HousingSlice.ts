import { asc } from 'drizzle-orm';
import type { HousingSliceResolvers } from '../../src/generated/housing.js';
import { dwelling, providentFund, publicHousing } from '../../src/db/tables/housing.js';
import type { SubgraphContext } from '../../src/subgraphs/context.js';

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
