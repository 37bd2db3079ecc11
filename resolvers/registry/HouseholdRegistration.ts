import type { HouseholdRegistrationResolvers } from '../../src/generated/registry.js';
import { household } from '../../src/db/tables/registry.js';
import { districtOf } from '../../src/domain/districts.js';

export const HouseholdRegistration: HouseholdRegistrationResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
  household: ({ householdId }, _args, { rows }) =>
    householdId === null ? null : rows.one(household, household.householdId).load(householdId),
};
