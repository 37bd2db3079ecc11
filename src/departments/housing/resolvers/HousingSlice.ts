import type { HousingSliceResolvers } from '../generated.js';
import { dwellingsOf, providentFundOf, publicHousingCasesOf } from './loaders.js';

export const HousingSlice: HousingSliceResolvers = {
  dwellings: ({ citizenId }, _args, { rows }) => dwellingsOf(rows).load(citizenId),
  currentDwelling: async ({ citizenId }, _args, { rows }) => (await dwellingsOf(rows).load(citizenId)).findLast((d) => d.until === null) ?? null,
  publicHousingCases: ({ citizenId }, _args, { rows }) => publicHousingCasesOf(rows).load(citizenId),
  providentFund: ({ citizenId }, _args, { rows }) => providentFundOf(rows).load(citizenId),
};
