import type { Resolvers } from '../generated.js';
import { Query } from './Query.js';
import { Person } from './Person.js';
import { HouseholdRegistration } from './HouseholdRegistration.js';
import { Household } from './Household.js';
import { HouseholdMember } from './HouseholdMember.js';
import { FamilyRelation } from './FamilyRelation.js';
import { FamilyLink } from './FamilyLink.js';
import { RegistrationEvent } from './RegistrationEvent.js';
import { ActualResidence } from './ActualResidence.js';

export const resolvers: Resolvers = {
  Query,
  Person,
  HouseholdRegistration,
  Household,
  HouseholdMember,
  FamilyRelation,
  FamilyLink,
  RegistrationEvent,
  ActualResidence,
};
