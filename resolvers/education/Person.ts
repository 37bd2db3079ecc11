import type { PersonResolvers } from '../../src/generated/education.js';
import { learner } from '../../src/db/tables/education.js';

export const Person: PersonResolvers = {
  // Existence is the registry's business; here a reference is only a key to read the slice by.
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  education: ({ citizenId }, _args, { rows }) => rows.one(learner, learner.citizenId).load(citizenId),
};
