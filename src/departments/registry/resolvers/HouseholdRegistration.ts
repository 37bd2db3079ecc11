import type { HouseholdRegistrationResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';
import { householdOf } from './loaders.js';

export const HouseholdRegistration: HouseholdRegistrationResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
  household: ({ citizenId, householdId }, _args, { rows }) =>
    householdId === null ? null : householdOf(rows).load(citizenId),
};
