import type { PersonResolvers } from '../generated.js';
import { prefetch, Selection } from '../../../subgraphs/selection.js';
import { enrolmentsOf, learnerOf } from './loaders.js';

export const Person: PersonResolvers = {
  // Existence is the registry's business; here a reference is only a key to read the slice by.
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  education: ({ citizenId }, _args, { rows }, info) => {
    // Enrolments are read beside the learner row, not after it (see Selection).
    const selection = Selection.of(info);
    if (selection.has('enrolments') || selection.has('currentEnrolment')) prefetch(() => enrolmentsOf(rows).load(citizenId));
    return learnerOf(rows).load(citizenId);
  },
};
