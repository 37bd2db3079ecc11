import type { ActualResidenceResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';

export const ActualResidence: ActualResidenceResolvers = {
  district: ({ districtCode }) => districtOf(districtCode),
};
