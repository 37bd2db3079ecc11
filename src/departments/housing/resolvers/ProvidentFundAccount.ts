import type { ProvidentFundAccountResolvers } from '../generated.js';
import { providentFundContributionsOf } from './loaders.js';

export const ProvidentFundAccount: ProvidentFundAccountResolvers = {
  monthlyContribution: ({ monthlyContributionFen }) => monthlyContributionFen,
  balance: ({ balanceFen }) => balanceFen,
  contributionPeriods: ({ citizenId }, _args, { rows }) => providentFundContributionsOf(rows).load(citizenId),
};
