import type { PersonResolvers } from '../generated.js';
import { holdsAnything } from './loaders.js';

export const Person: PersonResolvers = {
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  // No slice for someone the bureau holds nothing on: its derived answers (never married, no
  // assistance) would otherwise be said of anyone, even a number the city does not know.
  civilAffairs: async ({ citizenId }, _args, { rows }) => ((await holdsAnything(rows, citizenId)) ? { citizenId } : null),
};
