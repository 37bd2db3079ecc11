import type { AnnualTaxReturnResolvers } from '../generated.js';

export const AnnualTaxReturn: AnnualTaxReturnResolvers = {
  taxableIncome: ({ taxableIncomeFen }) => taxableIncomeFen,
  taxPaid: ({ taxPaidFen }) => taxPaidFen,
};
