import type { AnnualTaxReturnResolvers } from '../../src/generated/tax.js';

export const AnnualTaxReturn: AnnualTaxReturnResolvers = {
  taxableIncome: ({ taxableIncomeFen }) => taxableIncomeFen,
  taxPaid: ({ taxPaidFen }) => taxPaidFen,
};
