import type { HealthSliceResolvers } from '../generated.js';
import { healthListsOf } from './loaders.js';

export const HealthSlice: HealthSliceResolvers = {
  chronicConditions: ({ citizenId }, _args, { rows }) => healthListsOf.chronicConditions(rows).load(citizenId),
  vaccinations: ({ citizenId }, _args, { rows }) => healthListsOf.vaccinations(rows).load(citizenId),
  familyPlanningServices: ({ citizenId }, _args, { rows }) => healthListsOf.familyPlanningServices(rows).load(citizenId),
  bloodDonations: ({ citizenId }, _args, { rows }) => healthListsOf.bloodDonations(rows).load(citizenId),
};
