import type { ResidencePermitResolvers } from '../generated.js';
import { districtOf } from '../../../domain/districts.js';
import { endorsedYears, guangzhouToday, statusOn } from '../validity.js';
import { endorsementsOfPermit, registrationsOf, validUntil } from './loaders.js';

export const ResidencePermit: ResidencePermitResolvers = {
  permitNumber: ({ permitNo }) => permitNo,
  issuingDistrict: ({ issuingDistrictCode }) => districtOf(issuingDistrictCode),
  validUntil: (permit, _args, { rows }) => validUntil(rows, permit),
  status: async (permit, _args, { rows }) => statusOn(permit, await validUntil(rows, permit), guangzhouToday()),
  endorsements: async (permit, _args, { rows }) => endorsedYears(permit, await endorsementsOfPermit(rows, permit)),
  renewsPermitNumber: ({ renewsPermitNo }) => renewsPermitNo,
  residenceRegistration: async ({ citizenId, registrationNo }, _args, { rows }) =>
    (await registrationsOf(rows).load(citizenId)).find((r) => r.referenceNo === registrationNo) ?? null,
};
