import type { HouseholdResolvers } from '../../src/generated/registry.js';
import { districtOf } from '../../src/domain/districts.js';

export const Household: HouseholdResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
};
