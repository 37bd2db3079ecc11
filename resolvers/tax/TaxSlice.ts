import type { TaxSliceResolvers } from '../../src/generated/tax.js';
import { annualReturnsOf } from './loaders.js';

export const TaxSlice: TaxSliceResolvers = {
  arrears: ({ arrearsFen }) => arrearsFen,
  annualReturns: ({ citizenId }, _args, { rows }) => annualReturnsOf(rows).load(citizenId),
};
