import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { TaxSlice } from './TaxSlice.js';
import { AnnualTaxReturn } from './AnnualTaxReturn.js';
import { TaxDeductions } from './TaxDeductions.js';

export const resolvers: Resolvers = { Person, TaxSlice, AnnualTaxReturn, TaxDeductions };
