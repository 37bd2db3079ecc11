import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { CivilAffairsSlice } from './CivilAffairsSlice.js';
import { Marriage } from './Marriage.js';
import { SubsistenceAllowanceCase } from './SubsistenceAllowanceCase.js';
import { ElderlyCare } from './ElderlyCare.js';

export const resolvers: Resolvers = { Person, CivilAffairsSlice, Marriage, SubsistenceAllowanceCase, ElderlyCare };
