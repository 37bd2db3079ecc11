import type { PersonResolvers } from '../generated.js';
import { personById, registrationOf } from './loaders.js';
import { prefetchPersons } from './prefetch.js';

export const Person: PersonResolvers = {
  // The registry owns the identity core, so it alone answers "does this person exist".
  __resolveReference: ({ citizenId }, context, info) => {
    prefetchPersons(info, context, [citizenId]);
    return personById(context).load(citizenId);
  },
  registration: ({ citizenId }, _args, { rows }) => registrationOf(rows).load(citizenId),
};
