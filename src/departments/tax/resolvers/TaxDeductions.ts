import type { TaxDeductionsResolvers } from '../generated.js';
import { totalDeductionsFen } from '../income-tax.js';

export const TaxDeductions: TaxDeductionsResolvers = {
  standard: ({ standardDeductionFen }) => standardDeductionFen,
  socialInsurance: ({ socialInsuranceDeductionFen }) => socialInsuranceDeductionFen,
  housingFund: ({ housingFundDeductionFen }) => housingFundDeductionFen,
  specialAdditional: ({ specialAdditionalDeductionFen }) => specialAdditionalDeductionFen,
  total: (row) =>
    totalDeductionsFen({
      standardFen: row.standardDeductionFen,
      socialInsuranceFen: row.socialInsuranceDeductionFen,
      housingFundFen: row.housingFundDeductionFen,
      specialAdditionalFen: row.specialAdditionalDeductionFen,
    }),
};
