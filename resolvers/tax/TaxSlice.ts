import { desc } from 'drizzle-orm';
import type { TaxSliceResolvers } from '../../src/generated/tax.js';
import { annualReturn } from '../../src/db/tables/tax.js';

export const TaxSlice: TaxSliceResolvers = {
  arrears: ({ arrearsFen }) => arrearsFen,
  annualReturns: ({ citizenId }, _args, { rows }) =>
    rows.many(annualReturn, annualReturn.citizenId, desc(annualReturn.year)).load(citizenId),
};
