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
  standsForPerson: {
    // A member's place in the register and relation to the head are that member's record.
    HouseholdMember: 'citizenId',
    // A link's kind and date are the parent's or guardian's record as much as the child's. A relative
    // outside a district-limited grant reads as unknown, ID included (loaders.ts), so is not recorded:
    // the answer cannot tell the caller who they are, and fetching the ID past the row scope only to
    // write it down would carry it out of the subgraph that the scope keeps it in.
    FamilyLink: 'parentCitizenId',
    // A household's address and kind are every member's alike, not its head's more than the others':
    // the members are recorded when listed, the head when headCitizenId is selected.
    Household: null,
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
