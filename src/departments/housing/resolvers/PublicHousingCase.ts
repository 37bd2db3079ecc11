import type { PublicHousingCaseResolvers } from '../generated.js';

export const PublicHousingCase: PublicHousingCaseResolvers = {
  monthlyRent: ({ monthlyRentFen }) => monthlyRentFen,
};
