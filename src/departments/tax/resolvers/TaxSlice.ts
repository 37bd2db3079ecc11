import type { TaxSliceResolvers } from '../generated.js';
import { annualReturnsOf, evasionFindingsOf } from './loaders.js';
import { incomeBracketOf } from '../../../domain/income-brackets.js';

export const TaxSlice: TaxSliceResolvers = {
  arrears: ({ arrearsFen }) => arrearsFen,
  annualReturns: ({ citizenId }, _args, { rows }) => annualReturnsOf(rows).load(citizenId),
  // Computed here, where the amounts live, so a caller granted only the bracket never receives them;
  // from taxable income (after deductions), the amount the brackets are defined on.
  incomeBracket: async ({ citizenId }, _args, { rows }) => {
    const [latest] = await annualReturnsOf(rows).load(citizenId);
    return latest ? incomeBracketOf(latest.taxableIncomeFen / 100) : null;
  },
  evasionFindings: ({ citizenId }, _args, { rows }) => evasionFindingsOf(rows).load(citizenId),
};
