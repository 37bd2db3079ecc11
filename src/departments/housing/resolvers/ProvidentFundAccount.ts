import type { ProvidentFundAccountResolvers } from '../generated.js';

export const ProvidentFundAccount: ProvidentFundAccountResolvers = {
  monthlyContribution: ({ monthlyContributionFen }) => monthlyContributionFen,
  balance: ({ balanceFen }) => balanceFen,
};
