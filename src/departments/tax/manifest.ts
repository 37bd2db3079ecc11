import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/** Local Taxation Bureau (市地税局): taxpayer status, annual returns and tax-evasion findings. */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'tax',
  department: 'tax',
  resolvers,
  tables,
  mappers: {
    Person: PERSON_REFERENCE,
    TaxSlice: './tables.js#TaxpayerRow',
    AnnualTaxReturn: './tables.js#AnnualReturnRow',
    TaxDeductions: './tables.js#AnnualReturnRow',
    TaxEvasionFinding: './tables.js#EvasionFindingRow',
  },
  demoData,
  // The income-tax indicator (a band of the tax paid over three years) and the tax-evasion deduction.
  points: pointsSource('tax', {
    factsOf: pointsFactsOf,
    inputs: [
      'TaxSlice.annualReturns',
      'AnnualTaxReturn.grossIncome',
      'AnnualTaxReturn.deductions',
      'AnnualTaxReturn.taxableIncome',
      'AnnualTaxReturn.taxPaid',
      'TaxSlice.evasionFindings',
      'TaxEvasionFinding.decidedOn',
      'TaxEvasionFinding.taxYear',
    ],
  }),
});
