import type { RegistrationEventResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';

export const RegistrationEvent: RegistrationEventResolvers = {
  fromDistrict: ({ fromDistrictCode }) => (fromDistrictCode === null ? null : districtOf(fromDistrictCode)),
  toDistrict: ({ toDistrictCode }) => (toDistrictCode === null ? null : districtOf(toDistrictCode)),
};
