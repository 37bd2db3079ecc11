import { asc } from 'drizzle-orm';
import type { HealthSliceResolvers } from '../../src/generated/health.js';
import { condition, familyPlanning, vaccination } from '../../src/db/tables/health.js';

export const HealthSlice: HealthSliceResolvers = {
  chronicConditions: ({ citizenId }, _args, { rows }) =>
    rows.many(condition, condition.citizenId, asc(condition.diagnosedOn)).load(citizenId),
  vaccinations: ({ citizenId }, _args, { rows }) =>
    rows.many(vaccination, vaccination.citizenId, asc(vaccination.administeredOn)).load(citizenId),
  familyPlanningServices: ({ citizenId }, _args, { rows }) =>
    rows.many(familyPlanning, familyPlanning.citizenId, asc(familyPlanning.providedOn)).load(citizenId),
};
