import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';

/** Migrant Population Service Bureau (市来穗人员服务管理局): residence registrations, residence permits, endorsements. */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'permits',
  department: 'migrant-services',
  resolvers,
  tables,
  mappers: {
    Person: PERSON_REFERENCE,
    ResidencePermit: './tables.js#ResidencePermitRow',
    ResidenceRegistration: './tables.js#ResidenceRegistrationRow',
    PermitEndorsement: './validity.js#EndorsedYear',
  },
  demoData,
});
