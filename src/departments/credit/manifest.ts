import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';

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
});
