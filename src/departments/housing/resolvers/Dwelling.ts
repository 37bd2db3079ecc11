import type { DwellingResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';

export const Dwelling: DwellingResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
};
