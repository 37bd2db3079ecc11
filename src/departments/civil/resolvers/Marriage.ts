import type { MarriageResolvers } from '../generated.js';
import { districtOf, isDistrictCode } from '../../../domain/districts.js';

/** A registry outside the city keeps its GB/T 2260 code and has no `District`. */
const districtIfInCity = (code: string | null) => (code !== null && isDistrictCode(code) ? districtOf(code) : null);

export const Marriage: MarriageResolvers = {
  registrationDistrict: ({ registeredAreaCode }) => districtIfInCity(registeredAreaCode),
  registrationAreaCode: ({ registeredAreaCode }) => registeredAreaCode,
  divorceDistrict: ({ divorceAreaCode }) => districtIfInCity(divorceAreaCode),
};
