import type { ProvidentFundAccountResolvers } from '../../src/generated/housing.js';

export const ProvidentFundAccount: ProvidentFundAccountResolvers = {
  monthlyContribution: ({ monthlyContributionFen }) => monthlyContributionFen,
  balance: ({ balanceFen }) => balanceFen,
};
