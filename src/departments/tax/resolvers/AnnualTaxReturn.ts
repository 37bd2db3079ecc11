import type { AnnualTaxReturnResolvers } from '../generated.js';

export const AnnualTaxReturn: AnnualTaxReturnResolvers = {
  grossIncome: ({ grossIncomeFen }) => grossIncomeFen,
  // The deductions are columns of the same row.
  deductions: (row) => row,
  taxableIncome: ({ taxableIncomeFen }) => taxableIncomeFen,
  taxPaid: ({ taxPaidFen }) => taxPaidFen,
};
