import type { PublicHousingCaseResolvers } from '../../src/generated/housing.js';

export const PublicHousingCase: PublicHousingCaseResolvers = {
  monthlyRent: ({ monthlyRentFen }) => monthlyRentFen,
};
