import type { PersonResolvers } from '../generated.js';
import { prefetch, Selection } from '../../../subgraphs/selection.js';
import { healthListsOf, healthRecordOf } from './loaders.js';

export const Person: PersonResolvers = {
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  health: ({ citizenId }, _args, { rows }, info) => {
    // The lists are read beside the health record, not after it (see Selection).
    const selection = Selection.of(info);
    for (const [field, loaderOf] of Object.entries(healthListsOf)) {
      if (selection.has(field)) prefetch(() => loaderOf(rows).load(citizenId));
    }
    return healthRecordOf(rows).load(citizenId);
  },
};
