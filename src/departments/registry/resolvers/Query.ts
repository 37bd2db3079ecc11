import type { QueryResolvers } from '../generated.js';
import { BadUserInputError } from '../../../subgraphs/errors.js';
import { personById } from './loaders.js';
import { prefetchPersons } from './prefetch.js';

/** The cap on `persons`: one batch the database answers in a single statement per table. */
export const MAX_PERSONS_PER_QUERY = 1000;

export const Query: QueryResolvers = {
  person: (_root, { citizenId }, context, info) => {
    prefetchPersons(info, context, [citizenId]);
    return personById(context).load(citizenId);
  },

  persons: (_root, { citizenIds }, context, info) => {
    if (citizenIds.length > MAX_PERSONS_PER_QUERY) {
      throw new BadUserInputError(
        `persons takes at most ${MAX_PERSONS_PER_QUERY} citizen IDs, got ${citizenIds.length}; split the list into several queries`,
        { reason: 'too many ids', max: MAX_PERSONS_PER_QUERY },
      );
    }
    prefetchPersons(info, context, citizenIds);
    const loader = personById(context);
    return Promise.all(citizenIds.map((id) => loader.load(id)));
  },
};
