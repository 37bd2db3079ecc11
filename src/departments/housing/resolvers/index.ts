import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { HousingSlice } from './HousingSlice.js';
import { Dwelling } from './Dwelling.js';
import { PublicHousingCase } from './PublicHousingCase.js';
import { ProvidentFundAccount } from './ProvidentFundAccount.js';

export const resolvers: Resolvers = { Person, HousingSlice, Dwelling, PublicHousingCase, ProvidentFundAccount };
