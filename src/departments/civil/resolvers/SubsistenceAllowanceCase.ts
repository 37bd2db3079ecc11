import type { SubsistenceAllowanceCaseResolvers } from '../generated.js';

export const SubsistenceAllowanceCase: SubsistenceAllowanceCaseResolvers = {
  monthlyAmount: ({ monthlyAmountFen }) => monthlyAmountFen,
};
