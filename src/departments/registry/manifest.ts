import { defineDepartment } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';

/** Public Security Bureau (市公安局): the identity core and the household registration (hukou). */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'registry',
  department: 'public-security',
  resolvers,
  rootFields: ['person', 'persons'],
  tables,
  mappers: { Person: './tables.js#PersonRow', HouseholdRegistration: './tables.js#RegistrationRow', Household: './tables.js#HouseholdRow' },
  demoData,
});
