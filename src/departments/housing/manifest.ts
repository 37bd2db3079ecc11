import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/** Housing and Urban-Rural Development Commission (市住房城乡建设委) with the provident fund centre. */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'housing',
  department: 'housing',
  resolvers,
  tables,
  mappers: {
    Person: PERSON_REFERENCE,
    HousingSlice: PERSON_REFERENCE,
    Dwelling: './tables.js#DwellingRow',
    PublicHousingCase: './tables.js#PublicHousingRow',
    ProvidentFundAccount: './tables.js#ProvidentFundRow',
    ProvidentFundContributionPeriod: './tables.js#ProvidentFundContributionRow',
  },
  demoData,
  // The housing, moved-out and provident-fund indicators, from homes and contribution months.
  points: pointsSource('housing', {
    factsOf: pointsFactsOf,
    inputs: [
      'HousingSlice.currentDwelling',
      'HousingSlice.dwellings',
      'Dwelling.tenure',
      'Dwelling.district',
      'Dwelling.since',
      'Dwelling.until',
      'ProvidentFundAccount.contributionPeriods',
      'ProvidentFundContributionPeriod.fromMonth',
      'ProvidentFundContributionPeriod.toMonth',
    ],
  }),
});
