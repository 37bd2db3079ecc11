import type { DwellingResolvers } from '../../src/generated/housing.js';
import { districtOf } from '../../src/domain/districts.js';

export const Dwelling: DwellingResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
};
