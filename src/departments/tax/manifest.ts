import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';

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
});
