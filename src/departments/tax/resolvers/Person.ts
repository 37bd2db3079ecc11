import type { PersonResolvers } from '../generated.js';
import { prefetch, Selection } from '../../../subgraphs/selection.js';
import { annualReturnsOf, evasionFindingsOf, taxpayerOf } from './loaders.js';

export const Person: PersonResolvers = {
  __resolveReference: ({ citizenId }) => ({ citizenId }),
  tax: ({ citizenId }, _args, { rows }, info) => {
    // The returns and findings are read beside the taxpayer row, not after it (see Selection).
    const selection = Selection.of(info);
    if (selection.has('annualReturns') || selection.has('incomeBracket')) prefetch(() => annualReturnsOf(rows).load(citizenId));
    if (selection.has('evasionFindings')) prefetch(() => evasionFindingsOf(rows).load(citizenId));
    return taxpayerOf(rows).load(citizenId);
  },
};
