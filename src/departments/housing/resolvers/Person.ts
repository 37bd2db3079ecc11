import type { PersonResolvers } from '../generated.js';

export const Person: PersonResolvers = {
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  // The slice is only lists and an optional account, each read by its own loader when selected.
  housing: ({ citizenId }) => ({ citizenId }),
};
