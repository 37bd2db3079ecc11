import type { Resolvers } from '../generated.js';
import { Query } from './Query.js';
import { Person } from './Person.js';
import { HouseholdRegistration } from './HouseholdRegistration.js';
import { Household } from './Household.js';

export const resolvers: Resolvers = { Query, Person, HouseholdRegistration, Household };
