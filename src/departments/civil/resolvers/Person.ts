import type { PersonResolvers } from '../generated.js';

export const Person: PersonResolvers = {
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  // The slice is only lists and answers derived from them, each read by its own loader when selected.
  civilAffairs: ({ citizenId }) => ({ citizenId }),
};
