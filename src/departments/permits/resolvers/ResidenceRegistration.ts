import type { ResidenceRegistrationResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';

export const ResidenceRegistration: ResidenceRegistrationResolvers = {
  referenceNumber: ({ referenceNo }) => referenceNo,
  district: ({ districtCode }) => districtOf(districtCode),
};
