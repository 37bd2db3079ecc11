import { defineDepartment, PERSON_REFERENCE } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

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
  // The residence-permit years and the "valid residence permit" condition, from the permits held.
  points: pointsSource('migrant-services', {
    factsOf: pointsFactsOf,
    inputs: [
      'Person.residencePermit',
      'Person.residencePermits',
      ...['issuedOn', 'validUntil', 'cancelledOn', 'status', 'endorsements'].map((field) => `ResidencePermit.${field}`),
      ...['endorsedOn', 'validFrom', 'validUntil'].map((field) => `PermitEndorsement.${field}`),
    ],
  }),
});
