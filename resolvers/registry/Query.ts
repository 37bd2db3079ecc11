import type { QueryResolvers } from '../../src/generated/registry.js';
import { BadUserInputError } from '../../src/subgraphs/errors.js';
import { personById } from './loaders.js';
import { prefetchPersons } from './prefetch.js';

/** The cap on `persons`: one batch the database answers in a single statement per table. */
export const MAX_PERSONS_PER_QUERY = 1000;

export const Query: QueryResolvers = {
  person: (_root, { citizenId }, { rows }, info) => {
    prefetchPersons(info, rows, [citizenId]);
    return personById(rows).load(citizenId);
  },

  persons: (_root, { citizenIds }, { rows }, info) => {
    if (citizenIds.length > MAX_PERSONS_PER_QUERY) {
      throw new BadUserInputError(
        `persons takes at most ${MAX_PERSONS_PER_QUERY} citizen IDs, got ${citizenIds.length}; split the list into several queries`,
        { reason: 'too many ids', max: MAX_PERSONS_PER_QUERY },
      );
    }
    prefetchPersons(info, rows, citizenIds);
    const loader = personById(rows);
    return Promise.all(citizenIds.map((id) => loader.load(id)));
  },
};
