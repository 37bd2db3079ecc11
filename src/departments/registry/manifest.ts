import { defineDepartment } from '../../subgraphs/department-module.js';
import * as tables from './tables.js';
import { resolvers } from './resolvers/index.js';
import { demoData } from './demo-data.js';
import { pointsFactsOf } from './points-facts.js';
import { pointsSource } from '../../subgraphs/points/contribution.js';

/**
 * Public Security Bureau (市公安局): the identity core, the household registration (hukou) with its
 * households, family links and history, and the public-security facts the points rules use.
 */
export default defineDepartment({
  manifestUrl: import.meta.url,
  name: 'registry',
  department: 'public-security',
  resolvers,
  rootFields: ['person', 'persons'],
  tables,
  mappers: {
    Person: './tables.js#PersonRow',
    HouseholdRegistration: './resolvers/views.js#RegistrationView',
    Household: './resolvers/views.js#HouseholdView',
    HouseholdMember: './resolvers/views.js#MemberView',
    FamilyRelation: './resolvers/views.js#FamilyRelationView',
    CollectiveManager: './resolvers/views.js#CollectiveManagerView',
    HoldingUnit: './resolvers/views.js#HoldingUnitView',
    FamilyLink: './resolvers/views.js#FamilyLinkView',
    RegistrationEvent: './tables.js#RegistrationEventRow',
    ActualResidence: './tables.js#ActualResidenceRow',
    AdministrativePenalty: './tables.js#AdministrativePenaltyRow',
    CriminalPunishment: './tables.js#CriminalPunishmentRow',
  },
  demoData,
  // Age, penalties and criminal punishments: the age indicator, the penalty deduction, the age and criminal-record conditions.
  points: pointsSource('public-security', {
    factsOf: pointsFactsOf,
    inputs: [
      'Person.birthDate',
      'Person.administrativePenalties',
      'Person.criminalPunishments',
      'AdministrativePenalty.decidedOn',
      'CriminalPunishment.sentencedOn',
      'CriminalPunishment.completedOn',
    ],
  }),
});
