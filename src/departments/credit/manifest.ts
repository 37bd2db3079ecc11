import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/**
 * The public credit information platform (信用广州, seed §9 信用) of the Development and Reform
 * Commission (市发展改革委), which runs the city's social credit system: poor-credit records.
 */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'credit',
  department: 'development-reform',
  resolvers,
  tables,
  mappers: { Person: PERSON_REFERENCE, PoorCreditRecord: './tables.js#PoorCreditRecordRow' },
  demoData,
  // The points' poor-credit deduction, computed here from the records (POINTS.md: the city's social credit system).
  points: pointsSource('development-reform', {
    factsOf: pointsFactsOf,
    inputs: ['Person.creditRecords', 'PoorCreditRecord.recordNo', 'PoorCreditRecord.kind', 'PoorCreditRecord.listedBy', 'PoorCreditRecord.recordedOn', 'PoorCreditRecord.removedOn'],
  }),
});
