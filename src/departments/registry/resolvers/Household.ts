import type { HouseholdResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';

export const Household: HouseholdResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
};
