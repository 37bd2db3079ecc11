import type { PersonResolvers } from '../../src/generated/registry.js';
import { person, registration } from '../../src/db/tables/registry.js';

export const Person: PersonResolvers = {
  // The registry owns the identity core, so it alone answers "does this person exist".
  __resolveReference: ({ citizenId }, { rows }) => rows.one(person, person.citizenId).load(citizenId),
  registration: ({ citizenId }, _args, { rows }) => rows.one(registration, registration.citizenId).load(citizenId),
};
