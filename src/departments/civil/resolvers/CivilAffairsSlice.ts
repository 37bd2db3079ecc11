import type { CivilAffairsSliceResolvers } from '../generated.js';
import { awardsOf, elderlyCareOf, lowIncomeFamilyOf, marriagesOf, subsistenceAllowanceOf, volunteerHoursOf } from './loaders.js';
import { inForce, maritalStatusOf } from './status.js';

export const CivilAffairsSlice: CivilAffairsSliceResolvers = {
  maritalStatus: async ({ citizenId }, _args, { rows }) => maritalStatusOf(await marriagesOf(rows).load(citizenId)),
  marriages: ({ citizenId }, _args, { rows }) => marriagesOf(rows).load(citizenId),
  subsistenceAllowance: ({ citizenId }, _args, { rows }) => subsistenceAllowanceOf(rows).load(citizenId),
  receivesSubsistenceAllowance: async ({ citizenId }, _args, { rows }) => inForce(await subsistenceAllowanceOf(rows).load(citizenId)),
  lowIncomeStatus: ({ citizenId }, _args, { rows }) => lowIncomeFamilyOf(rows).load(citizenId),
  isLowIncomeFamily: async ({ citizenId }, _args, { rows }) => inForce(await lowIncomeFamilyOf(rows).load(citizenId)),
  elderlyCare: ({ citizenId }, _args, { rows }) => elderlyCareOf(rows).load(citizenId),
  volunteering: ({ citizenId }, _args, { rows }) => volunteerHoursOf(rows).load(citizenId),
  awards: ({ citizenId }, _args, { rows }) => awardsOf(rows).load(citizenId),
};
